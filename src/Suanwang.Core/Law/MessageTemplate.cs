using System.Text;
using Suanwang.Core.Errors;

namespace Suanwang.Core.Law;

/// <summary>A rule's explanation with {fact} placeholders, parsed once at load.</summary>
public sealed class MessageTemplate
{
    private readonly (string Text, Func<PolicyFacts, string>? Fact)[] _parts;

    private MessageTemplate((string, Func<PolicyFacts, string>?)[] parts) => _parts = parts;

    /// <summary>Parses <paramref name="text"/>; an unknown placeholder is an error at <paramref name="source"/>:<paramref name="line"/>.</summary>
    public static MessageTemplate Parse(string text, string source, int line, string field)
    {
        var parts = new List<(string, Func<PolicyFacts, string>?)>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                parts.Add((text[i..], null));
                break;
            }

            if (open > i)
            {
                parts.Add((text[i..open], null));
            }

            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw new InputException(source, line, field, $"column {open + 1}: '{{' is not closed");
            }

            var name = text[(open + 1)..close];
            var fact = FactSchema.Find(name)
                ?? throw new InputException(source, line, field, $"column {open + 1}: unknown fact '{{{name}}}'; known: {string.Join(", ", FactSchema.Names)}");
            parts.Add(("", FactSchema.Formatter(fact)));
            i = close + 1;
        }

        return new MessageTemplate(parts.ToArray());
    }

    /// <summary>The message for these facts.</summary>
    public string Render(PolicyFacts facts)
    {
        if (_parts.Length == 1 && _parts[0].Fact is null)
        {
            return _parts[0].Text;
        }

        var b = new StringBuilder(128);
        foreach (var (text, fact) in _parts)
        {
            b.Append(fact is null ? text : fact(facts));
        }

        return b.ToString();
    }
}
