using System.Globalization;
using System.Resources;

namespace Suanwang.Portal.Localization;

/// <summary>
/// The portal's texts and formats in the request's language. Each language is a resource file of
/// its own (Resources/English.resx, Resources/Chinese.resx) read with the invariant culture, so
/// the texts do not depend on the host's globalization mode (the server runs invariant).
/// </summary>
public sealed class Texts
{
    private static readonly ResourceManager s_english = new("Suanwang.Portal.Resources.English", typeof(Texts).Assembly);
    private static readonly ResourceManager s_chinese = new("Suanwang.Portal.Resources.Chinese", typeof(Texts).Assembly);

    /// <summary>Texts in <paramref name="language"/> (en or zh).</summary>
    public Texts(string language)
    {
        Language = language == PortalLanguage.Chinese ? PortalLanguage.Chinese : PortalLanguage.English;
    }

    /// <summary>en or zh.</summary>
    public string Language { get; }

    /// <summary>Whether the texts are Chinese.</summary>
    public bool IsChinese => Language == PortalLanguage.Chinese;

    /// <summary>Texts in the language the current request chooses (English outside a request).</summary>
    public static Texts For(IHttpContextAccessor accessor) =>
        new(accessor?.HttpContext is { } context ? PortalLanguage.Of(context.Request) : PortalLanguage.English);

    /// <summary>The text named <paramref name="name"/>; English when the Chinese file lacks it, the name itself when neither has it.</summary>
    public string this[string name] =>
        (IsChinese ? s_chinese.GetString(name, CultureInfo.InvariantCulture) : null)
        ?? s_english.GetString(name, CultureInfo.InvariantCulture)
        ?? name;

    /// <summary>The text named <paramref name="name"/> with <paramref name="args"/> in its {0}, {1}... holes.</summary>
    public string Format(string name, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[name], args);

    /// <summary>Every text name of a language's file, for the tests that check both files name the same texts.</summary>
    // The set is the manager's cached one: disposing it would break every later lookup.
    internal static IReadOnlyList<string> Names(string language)
    {
        var manager = language == PortalLanguage.Chinese ? s_chinese : s_english;
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        return set is null ? [] : set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A moment in UTC as the language writes dates: "7 Dec 2026, 17:01 UTC" or "2026年12月7日 17:01 UTC".</summary>
    public string Date(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return IsChinese
            ? utc.ToString("yyyy'年'M'月'd'日' HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : utc.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }

    /// <summary>A day: "7 Dec 2026" or "2026年12月7日".</summary>
    public string Day(DateOnly day) => IsChinese
        ? day.ToString("yyyy'年'M'月'd'日'", CultureInfo.InvariantCulture)
        : day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>An amount of money with its currency: "CNY 1,234.50" or "1,234.50 元" (other currencies keep their code).</summary>
    public string Money(decimal amount, string currency, int decimals = 2)
    {
        var number = Number(amount, decimals);
        return IsChinese
            ? currency == "CNY" ? $"{number} 元" : $"{number} {currency}"
            : $"{currency} {number}";
    }

    /// <summary>A price: two to four decimals, as many as it needs.</summary>
    public string Price(decimal amount, string currency) =>
        Money(amount, currency, decimal.Round(amount, 2) == decimal.Round(amount, 4) ? 2 : 4);

    /// <summary>A number with group separators and <paramref name="decimals"/> decimals.</summary>
    public static string Number(decimal value, int decimals) =>
        decimal.Round(value, decimals).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A number with group separators and <paramref name="decimals"/> decimals.</summary>
    public static string Number(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "—";

    /// <summary>A job or site state's name in the language.</summary>
    public string State(string state) => this["State." + state];
}
