using System.Globalization;
using System.Linq.Expressions;
using Suanwang.Core.Errors;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Law;

/// <summary>
/// Compiles a rule condition once, at load, into a delegate over <see cref="PolicyFacts"/>. The
/// language: facts by name, numbers (with _ separators), "quoted" texts, true/false, lists
/// ["DE", "FR"] and named lists @eea; == != &lt; &lt;= &gt; &gt;=, in, overlaps, not, and, or, ( ).
/// Every name and type is checked at load, so a decision runs no parser and no reflection.
/// </summary>
public sealed partial class ConditionCompiler
{
    private static readonly ParameterExpression s_facts = Expression.Parameter(typeof(PolicyFacts), "facts");
    private readonly IReadOnlyDictionary<string, CountryMask> _lists;
    private readonly string _source;
    private readonly int _line;
    private readonly string _field;
    private readonly List<Token> _tokens;
    private int _at;

    private ConditionCompiler(string text, IReadOnlyDictionary<string, CountryMask> lists, string source, int line, string field)
    {
        _lists = lists;
        _source = source;
        _line = line;
        _field = field;
        _tokens = Tokenize(text);
    }

    /// <summary>Compiles <paramref name="text"/>; throws <see cref="InputException"/> at <paramref name="source"/>:<paramref name="line"/> naming <paramref name="field"/>.</summary>
    public static Func<PolicyFacts, bool> Compile(string text, IReadOnlyDictionary<string, CountryMask> lists, string source, int line, string field)
    {
        var compiler = new ConditionCompiler(text, lists, source, line, field);
        var body = compiler.Or();
        if (compiler.Peek.Kind != TokenKind.End)
        {
            throw compiler.Error(compiler.Peek, $"unexpected '{compiler.Peek.Text}' after a complete condition");
        }

        compiler.RequireBoolean(body, compiler._tokens[0]);
        return Expression.Lambda<Func<PolicyFacts, bool>>(body.Expr!, s_facts).Compile();
    }

    private Token Peek => _tokens[_at];

    private Typed Or()
    {
        var left = And();
        while (Peek.IsWord("or"))
        {
            var op = _tokens[_at++];
            var right = And();
            RequireBoolean(left, op);
            RequireBoolean(right, op);
            left = new Typed(Expression.OrElse(left.Expr!, right.Expr!), FactType.Boolean);
        }

        return left;
    }

    private Typed And()
    {
        var left = Not();
        while (Peek.IsWord("and"))
        {
            var op = _tokens[_at++];
            var right = Not();
            RequireBoolean(left, op);
            RequireBoolean(right, op);
            left = new Typed(Expression.AndAlso(left.Expr!, right.Expr!), FactType.Boolean);
        }

        return left;
    }

    private Typed Not()
    {
        if (Peek.IsWord("not"))
        {
            var op = _tokens[_at++];
            var inner = Not();
            RequireBoolean(inner, op);
            return new Typed(Expression.Not(inner.Expr!), FactType.Boolean);
        }

        return Comparison();
    }

    private Typed Comparison()
    {
        var left = Primary();
        var op = Peek;
        if (op.Kind == TokenKind.Operator)
        {
            _at++;
            return Compare(left, op, Primary());
        }

        if (op.IsWord("in") || op.IsWord("overlaps"))
        {
            _at++;
            return Membership(left, op, Primary());
        }

        return left;
    }

    private Typed Compare(Typed left, Token op, Typed right)
    {
        (left, right) = (Coerce(left, right, op), Coerce(right, left, op));
        if (left.Type != right.Type || left.Enum != right.Enum || left.Type is FactType.Countries or FactType.Text)
        {
            throw Error(op, $"'{op.Text}' cannot compare {left.Describe()} with {right.Describe()}");
        }

        if (op.Text is "<" or "<=" or ">" or ">=" && left.Type != FactType.Number)
        {
            throw Error(op, $"'{op.Text}' compares numbers only, not {left.Describe()}");
        }

        var (l, r) = (left.Expr!, right.Expr!);
        if (left.Type == FactType.Number)
        {
            (l, r) = (Expression.Convert(l, typeof(long)), Expression.Convert(r, typeof(long)));
        }

        Expression body = op.Text switch
        {
            "==" => Expression.Equal(l, r),
            "!=" => Expression.NotEqual(l, r),
            "<" => Expression.LessThan(l, r),
            "<=" => Expression.LessThanOrEqual(l, r),
            ">" => Expression.GreaterThan(l, r),
            _ => Expression.GreaterThanOrEqual(l, r),
        };
        return new Typed(body, FactType.Boolean);
    }

    private Typed Membership(Typed left, Token op, Typed right)
    {
        if (right.Type != FactType.Countries)
        {
            throw Error(op, $"'{op.Text}' needs a list of countries on its right, not {right.Describe()}");
        }

        if (op.Text == "overlaps")
        {
            if (left.Type != FactType.Countries)
            {
                throw Error(op, $"'overlaps' needs a set of countries on its left, not {left.Describe()}");
            }

            var overlaps = typeof(CountryMask).GetMethod(nameof(CountryMask.Overlaps))!;
            return new Typed(Expression.Call(left.Expr!, overlaps, right.Expr!), FactType.Boolean);
        }

        left = Coerce(left, new Typed(null, FactType.Country), op);
        if (left.Type != FactType.Country)
        {
            throw Error(op, $"'in' needs a country on its left, not {left.Describe()}");
        }

        var contains = typeof(CountryMask).GetMethod(nameof(CountryMask.Contains))!;
        return new Typed(Expression.Call(right.Expr!, contains, left.Expr!), FactType.Boolean);
    }

    /// <summary>Gives a quoted literal the type of the other side: a country code or a symbol name.</summary>
    private Typed Coerce(Typed value, Typed other, Token op)
    {
        if (value.Type != FactType.Text || value.Literal is null)
        {
            return value;
        }

        if (other.Type == FactType.Country)
        {
            var index = CountryCodes.IndexOf(value.Literal);
            return index < 0
                ? throw Error(op, $"'{value.Literal}' is not an ISO 3166-1 alpha-2 country code")
                : new Typed(Expression.Constant(index), FactType.Country);
        }

        if (other.Type == FactType.Symbol)
        {
            var symbol = FactSchema.Symbol(other.Enum!, value.Literal)
                ?? throw Error(op, $"'{value.Literal}' is not one of: {string.Join(", ", FactSchema.SymbolNames(other.Enum!))}");
            return new Typed(Expression.Constant(symbol, other.Enum!), FactType.Symbol, other.Enum);
        }

        return value;
    }

    private Typed Primary()
    {
        var token = _tokens[_at++];
        switch (token.Kind)
        {
            case TokenKind.Number:
                return long.TryParse(token.Text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? new Typed(Expression.Constant(n), FactType.Number)
                    : throw Error(token, $"'{token.Text}' is not a whole number");
            case TokenKind.Text:
                return new Typed(null, FactType.Text, Literal: token.Text);
            case TokenKind.ListName:
                return _lists.TryGetValue(token.Text, out var named)
                    ? new Typed(Expression.Constant(named), FactType.Countries)
                    : throw Error(token, $"no list '@{token.Text}' in this file's lists; known: {string.Join(", ", _lists.Keys.Order(StringComparer.Ordinal))}");
            case TokenKind.Open:
                var inner = Or();
                Expect(TokenKind.Close, "')'");
                return inner;
            case TokenKind.OpenList:
                return List(token);
            case TokenKind.Word when token.Text is "true" or "false":
                return new Typed(Expression.Constant(token.Text == "true"), FactType.Boolean);
            case TokenKind.Word:
                var fact = FactSchema.Find(token.Text);
                if (fact is null || fact.Type == FactType.Text)
                {
                    throw Error(token, $"unknown fact '{token.Text}'; known: {string.Join(", ", FactSchema.Names.Where(n => n != "tenant"))}");
                }

                var read = FactSchema.Read(fact, s_facts);
                return new Typed(fact.Type == FactType.Number ? Expression.Convert(read, typeof(long)) : read, fact.Type, fact.Enum);
            default:
                throw Error(token, token.Kind == TokenKind.End ? "the condition ends too early" : $"unexpected '{token.Text}'");
        }
    }

    private Typed List(Token open)
    {
        var mask = CountryMask.None;
        while (Peek.Kind != TokenKind.CloseList)
        {
            var item = _tokens[_at++];
            if (item.Kind != TokenKind.Text || CountryCodes.IndexOf(item.Text) < 0)
            {
                throw Error(item, $"a list holds quoted country codes; '{item.Text}' is not one");
            }

            mask = mask.With(CountryCodes.IndexOf(item.Text));
            if (Peek.Kind == TokenKind.Comma)
            {
                _at++;
            }
            else if (Peek.Kind != TokenKind.CloseList)
            {
                throw Error(Peek, $"expected ',' or ']' in the list opened at column {open.Column}");
            }
        }

        _at++;
        return new Typed(Expression.Constant(mask), FactType.Countries);
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind)
        {
            throw Error(Peek, $"expected {what}");
        }

        _at++;
    }

    private void RequireBoolean(Typed value, Token at)
    {
        if (value.Type != FactType.Boolean)
        {
            throw Error(at, $"expected a true/false condition, not {value.Describe()}");
        }
    }

    private InputException Error(Token at, string message) =>
        new(_source, _line, _field, $"column {at.Column}: {message}");

    private sealed record Typed(Expression? Expr, FactType Type, Type? Enum = null, string? Literal = null)
    {
        public string Describe() => Literal is not null ? $"the text \"{Literal}\"" : Type switch
        {
            FactType.Number => "a number",
            FactType.Boolean => "a true/false value",
            FactType.Country => "a country",
            FactType.Countries => "a set of countries",
            FactType.Symbol => $"a {FactSchema.SnakeCase(Enum!.Name)}",
            _ => "a text",
        };
    }
}
