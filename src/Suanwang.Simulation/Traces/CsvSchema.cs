using Suanwang.Core.Errors;

namespace Suanwang.Simulation.Traces;

/// <summary>
/// The fixed column layout of one trace file format: checks the header and splits rows, so every
/// reader reports a malformed file the same way (file, 1-based line, column name).
/// </summary>
/// <remarks>
/// None of the supported traces quote fields (checked against every file in shared/traces), so a
/// row is split on ',' alone.
/// </remarks>
internal sealed class CsvSchema
{
    private readonly string[] _columns;

    public CsvSchema(params string[] columns)
    {
        _columns = columns;
        Header = string.Join(',', columns);
    }

    /// <summary>The expected header line.</summary>
    public string Header { get; }

    /// <summary>Number of columns.</summary>
    public int Count => _columns.Length;

    /// <summary>The name of column <paramref name="index"/>.</summary>
    public string this[int index] => _columns[index];

    /// <summary>Whether <paramref name="headerLine"/> is exactly this layout (case and surrounding blanks aside).</summary>
    public bool Matches(string headerLine) => MatchesPrefix(headerLine, _columns.Length, exact: true);

    /// <summary>Whether the first <paramref name="count"/> columns of <paramref name="headerLine"/> are this layout's.</summary>
    public bool MatchesPrefix(string headerLine, int count, bool exact = false)
    {
        var cells = SplitHeader(headerLine);
        if (cells.Length < count || (exact && cells.Length != _columns.Length))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!cells[i].Equals(_columns[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws unless <paramref name="headerLine"/> (line 1 of <paramref name="source"/>) is this layout.</summary>
    public void CheckHeader(string? headerLine, string source)
    {
        if (headerLine is null)
        {
            throw new InputException(source, 1, "", $"the file is empty; expected the header line {Header}");
        }

        var cells = SplitHeader(headerLine);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (i >= cells.Length)
            {
                throw new InputException(source, 1, _columns[i], $"the header has no column {_columns[i]}; expected {Header}");
            }

            if (!cells[i].Equals(_columns[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new InputException(source, 1, _columns[i], $"column {i + 1} is '{cells[i]}', expected {_columns[i]}; the header must be {Header}");
            }
        }

        if (cells.Length > _columns.Length)
        {
            throw new InputException(source, 1, cells[_columns.Length], $"unexpected column '{cells[_columns.Length]}'; the header must be {Header}");
        }
    }

    /// <summary>
    /// Splits one data row into <paramref name="ranges"/> (at least <see cref="Count"/> + 1 long) and
    /// throws when it has too few or too many columns.
    /// </summary>
    public CsvRow Split(string line, int lineNumber, string source, Span<Range> ranges)
    {
        var text = line.AsSpan();
        var found = text.Split(ranges, ',');
        if (found < _columns.Length)
        {
            throw new InputException(
                source, lineNumber, _columns[found], $"the row has {found} columns, expected {_columns.Length} ({Header}); {_columns[found]} is missing");
        }

        if (found > _columns.Length)
        {
            // The extra text follows the last column, so that is the one named.
            throw new InputException(
                source, lineNumber, _columns[^1], $"the row has more than {_columns.Length} columns ({Header}); unexpected text after {_columns[^1]}");
        }

        return new CsvRow(text, ranges[.._columns.Length], this, source, lineNumber);
    }

    private static string[] SplitHeader(string headerLine) =>
        headerLine.Trim().TrimStart('\uFEFF').Split(',', StringSplitOptions.TrimEntries);
}
