using System.Net;
using System.Text.RegularExpressions;

namespace Suanwang.Portal.Tests.Support;

/// <summary>A browser without a browser: cookies kept, redirects not followed, the antiforgery token read from each form.</summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>A client of the portal at <paramref name="url"/>, optionally asking for <paramref name="language"/>.</summary>
    public PortalClient(Uri url, string? language = null)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = url };
        if (language is not null)
        {
            _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
    }

    /// <summary>The cookies the portal set.</summary>
    public CookieContainer Cookies { get; }

    /// <summary>GETs a path.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>GETs a path and returns the body, failing unless the status is <paramref name="expected"/>.</summary>
    public async Task<string> PageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}, expected {(int)expected}\n{body}");
        return body;
    }

    /// <summary>POSTs a form to <paramref name="path"/> with the antiforgery token of the form on <paramref name="formPage"/> (none when null).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPage)
    {
        var all = fields.ToList();
        if (formPage is not null)
        {
            all.Add(new("__csrf", Token(await PageAsync(formPage))));
        }

        return await _http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(all));
    }

    /// <summary>Signs in with <paramref name="key"/> and checks the portal redirected to <paramref name="home"/>: the marketplace, or a provider's sites.</summary>
    public async Task SignInAsync(string key, string home = "/market")
    {
        using var response = await PostAsync("/sign-in", [new("key", key)], "/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location?.OriginalString);
    }

    /// <summary>The antiforgery token in a page's first form.</summary>
    public static string Token(string html) => TokenPattern().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("the page has no antiforgery token");

    /// <summary>The value of the hidden input named <paramref name="name"/>.</summary>
    public static string Hidden(string html, string name) =>
        Regex.Match(html, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"the page has no hidden input {name}");

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
