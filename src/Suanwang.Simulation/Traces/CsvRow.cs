using System.Globalization;
using Suanwang.Core.Errors;

namespace Suanwang.Simulation.Traces;

/// <summary>One split data row; parses its fields invariantly and throws located errors.</summary>
internal readonly ref struct CsvRow
{
    private readonly ReadOnlySpan<char> _line;
    private readonly ReadOnlySpan<Range> _ranges;
    private readonly CsvSchema _schema;

    public CsvRow(ReadOnlySpan<char> line, ReadOnlySpan<Range> ranges, CsvSchema schema, string source, int lineNumber)
    {
        _line = line;
        _ranges = ranges;
        _schema = schema;
        Source = source;
        Line = lineNumber;
    }

    /// <summary>The file the row came from.</summary>
    public string Source { get; }

    /// <summary>The row's 1-based line.</summary>
    public int Line { get; }

    /// <summary>The text of column <paramref name="column"/>, blanks trimmed.</summary>
    public ReadOnlySpan<char> Text(int column) => _line[_ranges[column]].Trim();

    /// <summary>Whether column <paramref name="column"/> is empty.</summary>
    public bool IsEmpty(int column) => Text(column).IsEmpty;

    /// <summary>The text of column <paramref name="column"/>, which must not be empty.</summary>
    public ReadOnlySpan<char> Required(int column)
    {
        var text = Text(column);
        return text.IsEmpty ? throw Error(column, "must not be empty") : text;
    }

    /// <summary>A finite number no smaller than <paramref name="min"/>.</summary>
    public double Double(int column, double min)
    {
        var text = Required(column);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(column, $"'{text}' is not a number");
        }

        return value < min ? throw Error(column, $"must be at least {min.ToString(CultureInfo.InvariantCulture)}; was {text}") : value;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Long(int column, long min, long max = long.MaxValue)
    {
        var text = Required(column);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(column, $"'{text}' is not a whole number");
        }

        if (value < min || value > max)
        {
            var range = max == long.MaxValue
                ? $"at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}";
            throw Error(column, $"must be {range}; was {text}");
        }

        return value;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Int(int column, int min, int max = int.MaxValue) => (int)Long(column, min, max);

    /// <summary>A located error for column <paramref name="column"/> of this row.</summary>
    public InputException Error(int column, string message) => new(Source, Line, _schema[column], message);
}
