using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Law;

/// <summary>The facts a rule condition or message may name, with their types; names outside it are errors.</summary>
public static class FactSchema
{
    private static readonly Dictionary<string, Fact> s_facts = Build();

    /// <summary>One named fact.</summary>
    /// <param name="Name">Its name in rule files.</param>
    /// <param name="Type">Its type.</param>
    /// <param name="Property">The <see cref="PolicyFacts"/> property it reads.</param>
    /// <param name="Enum">The enum type of a symbol fact; null otherwise.</param>
    public sealed record Fact(string Name, FactType Type, string Property, Type? Enum);

    /// <summary>Every fact name, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = s_facts.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The fact of that name, or null.</summary>
    public static Fact? Find(string name) => s_facts.GetValueOrDefault(name);

    /// <summary>The expression reading <paramref name="fact"/> from <paramref name="facts"/>.</summary>
    public static Expression Read(Fact fact, ParameterExpression facts) => Expression.Property(facts, fact.Property);

    /// <summary>The enum value named <paramref name="name"/> (snake case), or null.</summary>
    public static object? Symbol(Type enumType, string name)
    {
        foreach (var value in Enum.GetValues(enumType))
        {
            if (SnakeCase(value.ToString()!) == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The snake-case names of an enum's values.</summary>
    public static IEnumerable<string> SymbolNames(Type enumType) => Enum.GetNames(enumType).Select(SnakeCase);

    /// <summary>A fact's value as text for a message: numbers with thousands separators, countries as codes.</summary>
    public static Func<PolicyFacts, string> Formatter(Fact fact)
    {
        var p = Expression.Parameter(typeof(PolicyFacts), "f");
        var read = Read(fact, p);
        Expression text = fact.Type switch
        {
            FactType.Number => Expression.Call(typeof(FactSchema).GetMethod(nameof(Number), [typeof(long)])!, Expression.Convert(read, typeof(long))),
            FactType.Country => Expression.Call(typeof(FactSchema).GetMethod(nameof(Country))!, read),
            FactType.Countries => Expression.Call(typeof(FactSchema).GetMethod(nameof(Countries))!, read),
            FactType.Boolean => Expression.Condition(read, Expression.Constant("true"), Expression.Constant("false")),
            FactType.Symbol => Expression.Call(typeof(FactSchema).GetMethod(nameof(SnakeCase))!, Expression.Call(Expression.Convert(read, typeof(object)), typeof(object).GetMethod(nameof(ToString))!)),
            _ => Expression.Convert(read, typeof(string)),
        };
        return Expression.Lambda<Func<PolicyFacts, string>>(text, p).Compile();
    }

    /// <summary>A count as text ("1,200,000"; "unknown" when missing).</summary>
    public static string Number(long value) => value < 0 ? "unknown" : value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A country index as its code ("unknown" when -1).</summary>
    public static string Country(int index) => index < 0 || index >= CountryCodes.Count ? "unknown" : CountryCodes.CodeAt(index);

    /// <summary>A country set as its codes joined by commas.</summary>
    public static string Countries(CountryMask mask) => mask.IsEmpty ? "none" : string.Join(",", mask.Codes());

    /// <summary>PascalCase to snake_case.</summary>
    public static string SnakeCase(string name)
    {
        var b = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                b.Append('_');
            }

            b.Append(char.ToLowerInvariant(name[i]));
        }

        return b.ToString();
    }

    private static Dictionary<string, Fact> Build()
    {
        Fact[] facts =
        [
            new("tenant", FactType.Text, nameof(PolicyFacts.Tenant), null),
            new("kind", FactType.Symbol, nameof(PolicyFacts.Kind), typeof(DecisionKind)),
            new("origin", FactType.Country, nameof(PolicyFacts.Origin), null),
            new("destination", FactType.Country, nameof(PolicyFacts.Destination), null),
            new("subjects", FactType.Countries, nameof(PolicyFacts.Subjects), null),
            new("classification", FactType.Symbol, nameof(PolicyFacts.Classification), typeof(Classification)),
            new("declared", FactType.Boolean, nameof(PolicyFacts.Declared), null),
            new("authority_reference", FactType.Boolean, nameof(PolicyFacts.AuthorityReference), null),
            new("ciio", FactType.Boolean, nameof(PolicyFacts.Ciio), null),
            new("individuals", FactType.Number, nameof(PolicyFacts.Individuals), null),
            new("sensitive", FactType.Number, nameof(PolicyFacts.Sensitive), null),
            new("individuals_year", FactType.Number, nameof(PolicyFacts.IndividualsYear), null),
            new("sensitive_year", FactType.Number, nameof(PolicyFacts.SensitiveYear), null),
            new("exemption", FactType.Symbol, nameof(PolicyFacts.Exemption), typeof(Exemption)),
            new("one_off", FactType.Boolean, nameof(PolicyFacts.OneOff), null),
            new("manual_approval", FactType.Boolean, nameof(PolicyFacts.ManualApproval), null),
            new("keeps_copy", FactType.Boolean, nameof(PolicyFacts.KeepsCopy), null),
            new("usage_permits", FactType.Boolean, nameof(PolicyFacts.UsagePermits), null),
            new("security_assessment", FactType.Symbol, nameof(PolicyFacts.SecurityAssessment), typeof(FilingState)),
            new("standard_contract", FactType.Symbol, nameof(PolicyFacts.StandardContract), typeof(FilingState)),
            new("certification", FactType.Symbol, nameof(PolicyFacts.Certification), typeof(FilingState)),
            new("scc", FactType.Symbol, nameof(PolicyFacts.Scc), typeof(FilingState)),
            new("bcr", FactType.Symbol, nameof(PolicyFacts.Bcr), typeof(FilingState)),
            new("ru_notice", FactType.Symbol, nameof(PolicyFacts.RuNotice), typeof(FilingState)),
            new("ru_notice_working_days", FactType.Number, nameof(PolicyFacts.RuNoticeWorkingDays), null),
            new("ru_ban", FactType.Boolean, nameof(PolicyFacts.RuBan), null),
            new("consent", FactType.Boolean, nameof(PolicyFacts.Consent), null),
            new("sa_purpose", FactType.Boolean, nameof(PolicyFacts.SaPurpose), null),
        ];
        return facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }
}
