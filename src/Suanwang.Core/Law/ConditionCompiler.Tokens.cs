using Suanwang.Core.Errors;

namespace Suanwang.Core.Law;

/// <summary>The tokenizer of rule conditions.</summary>
public sealed partial class ConditionCompiler
{
    private enum TokenKind
    {
        Word,
        Number,
        Text,
        ListName,
        Operator,
        Open,
        Close,
        OpenList,
        CloseList,
        Comma,
        End,
    }

    private List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var column = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '@')
            {
                var start = c == '@' ? i + 1 : i;
                i = start;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                if (c == '@' && i == start)
                {
                    throw new InputException(_source, _line, _field, $"column {column}: '@' must be followed by a list name");
                }

                tokens.Add(new Token(c == '@' ? TokenKind.ListName : TokenKind.Word, text[start..i], column));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], column));
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new InputException(_source, _line, _field, $"column {column}: the quoted text is not closed");
                }

                tokens.Add(new Token(TokenKind.Text, text[(i + 1)..end], column));
                i = end + 1;
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "==" or "!=" or "<=" or ">=")
                {
                    tokens.Add(new Token(TokenKind.Operator, two, column));
                    i += 2;
                    continue;
                }

                var kind = c switch
                {
                    '<' or '>' => TokenKind.Operator,
                    '(' => TokenKind.Open,
                    ')' => TokenKind.Close,
                    '[' => TokenKind.OpenList,
                    ']' => TokenKind.CloseList,
                    ',' => TokenKind.Comma,
                    _ => throw new InputException(_source, _line, _field, $"column {column}: unexpected character '{c}'"),
                };
                tokens.Add(new Token(kind, c.ToString(), column));
                i++;
            }
        }

        tokens.Add(new Token(TokenKind.End, "end", text.Length + 1));
        return tokens;
    }

    private sealed record Token(TokenKind Kind, string Text, int Column)
    {
        public bool IsWord(string word) => Kind == TokenKind.Word && Text == word;
    }
}
