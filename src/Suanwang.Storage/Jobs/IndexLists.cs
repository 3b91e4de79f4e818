using System.Globalization;
using System.Text;

namespace Suanwang.Storage.Jobs;

/// <summary>Lists of node or device indices as JSON arrays of integers, such as <c>[0,1]</c>: how SQLite stores them.</summary>
internal static class IndexLists
{
    /// <summary>The list as a JSON array.</summary>
    public static string Write(IReadOnlyList<int> values)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(values[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }

    /// <summary>A JSON array of integers.</summary>
    /// <exception cref="InvalidDataException">Not such an array.</exception>
    public static int[] Read(string text)
    {
        var inner = text.AsSpan().Trim();
        if (inner.Length < 2 || inner[0] != '[' || inner[^1] != ']')
        {
            throw new InvalidDataException($"'{text}' is not a list of indices");
        }

        inner = inner[1..^1].Trim();
        if (inner.IsEmpty)
        {
            return [];
        }

        var values = new List<int>();
        foreach (var range in inner.Split(','))
        {
            if (!int.TryParse(inner[range].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw new InvalidDataException($"'{text}' is not a list of indices");
            }

            values.Add(value);
        }

        return [.. values];
    }
}
