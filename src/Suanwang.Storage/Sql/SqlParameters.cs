using System.Collections;

namespace Suanwang.Storage.Sql;

/// <summary>The named values of one statement, in the order they were added; a null value binds SQL NULL.</summary>
internal sealed class SqlParameters : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _values = [];

    /// <summary>Adds a value named with its '@'.</summary>
    public void Add(string name, object? value) => _values.Add(new(name, value));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
