using System.Text;

namespace Suanwang.Core.Audit;

/// <summary>An entry's text with one value left for the database to fill in: <c>Head + value + Tail</c>.</summary>
/// <param name="Head">The text before the value.</param>
/// <param name="Tail">The text after it.</param>
public sealed record LeafTemplate(string Head, string Tail)
{
    /// <summary>The entry's bytes with <paramref name="value"/> (already JSON: a number or a quoted string) in the hole.</summary>
    public byte[] Fill(string value) => Encoding.UTF8.GetBytes(Head + value + Tail);
}
