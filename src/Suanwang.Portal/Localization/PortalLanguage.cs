using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Suanwang.Portal.Localization;

/// <summary>The portal's languages and how a request chooses one: the remembered cookie, then Accept-Language, then English.</summary>
public static class PortalLanguage
{
    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Simplified Chinese.</summary>
    public const string Chinese = "zh";

    /// <summary>The cookie that remembers a chosen language.</summary>
    public const string CookieName = "suanwang_lang";

    /// <summary>The languages the portal speaks, in the order the switcher lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [English, Chinese];

    /// <summary>The language a request gets.</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cookies.TryGetValue(CookieName, out var chosen) && Normalize(chosen) is { } remembered)
        {
            return remembered;
        }

        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage.Where(v => v is not null).Select(v => v!).ToList(), out var accepted))
        {
            foreach (var value in accepted.OrderByDescending(v => v.Quality ?? 1))
            {
                if (value.Quality is not 0 && Normalize(value.Value.Value) is { } language)
                {
                    return language;
                }
            }
        }

        return English;
    }

    /// <summary>"en" or "zh" for a language tag the portal speaks (en, en-GB, zh, zh-CN, zh-Hans...); null otherwise.</summary>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > 35)
        {
            return null;
        }

        var primary = tag.Split('-', '_')[0];
        if (primary.Equals(English, StringComparison.OrdinalIgnoreCase))
        {
            return English;
        }

        // Traditional Chinese is not offered: Simplified is the nearer choice than English for zh-TW, too.
        return primary.Equals(Chinese, StringComparison.OrdinalIgnoreCase) ? Chinese : null;
    }

    /// <summary>The BCP 47 tag for the html lang attribute.</summary>
    public static string HtmlTag(string language) => language == Chinese ? "zh-Hans" : "en";
}
