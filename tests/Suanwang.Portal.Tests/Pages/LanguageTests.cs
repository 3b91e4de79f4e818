using System.Net;
using Suanwang.Portal.Localization;
using Suanwang.Portal.Tests.Support;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>English and Simplified Chinese: Accept-Language first, then the remembered choice; every text in both.</summary>
public sealed class LanguageTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    [Fact]
    public void BothLanguages_NameTheSameTexts()
    {
        var english = Texts.Names(PortalLanguage.English);
        var chinese = Texts.Names(PortalLanguage.Chinese);

        Assert.NotEmpty(english);
        Assert.Equal(english, chinese);
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("en-GB,en;q=0.9", "en")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh")]
    [InlineData("fr-FR, zh-Hans;q=0.5, en;q=0.4", "zh")]
    [InlineData("de-DE", "en")]
    public async Task TheFirstChoice_FollowsAcceptLanguage(string? header, string expected)
    {
        using var portal = new PortalClient(Network.Url, header);

        var html = await portal.PageAsync("/sign-in");

        Assert.Contains($"<html lang=\"{PortalLanguage.HtmlTag(expected)}\">", html, StringComparison.Ordinal);
        Assert.Contains(expected == "zh" ? "API 密钥" : "API key", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChosenLanguage_IsRemembered_OverAcceptLanguage()
    {
        using var portal = new PortalClient(Network.Url, "en-US");
        await portal.SignInAsync(Network.AdminKey);

        using var switched = await portal.PostAsync("/language", [new("language", "zh"), new("return", "/jobs")], "/jobs");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/jobs", switched.Headers.Location?.OriginalString);
        var html = await portal.PageAsync("/market");
        Assert.Contains("<html lang=\"zh-Hans\">", html, StringComparison.Ordinal);
        Assert.Contains("算力市场", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownLanguage_Answers400_NamingTheField()
    {
        using var portal = new PortalClient(Network.Url);

        using var response = await portal.PostAsync("/language", [new("language", "xx")], "/sign-in");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("language", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void DatesAndMoney_FollowTheLanguage()
    {
        var at = new DateTimeOffset(2026, 12, 7, 17, 1, 0, TimeSpan.Zero);

        Assert.Equal("7 Dec 2026, 17:01 UTC", new Texts("en").Date(at));
        Assert.Equal("2026年12月7日 17:01 UTC", new Texts("zh").Date(at));
        Assert.Equal("CNY 1,234.50", new Texts("en").Money(1234.5m, "CNY"));
        Assert.Equal("1,234.50 元", new Texts("zh").Money(1234.5m, "CNY"));
        Assert.Equal("0.0125 USD", new Texts("zh").Price(0.0125m, "USD"));
    }
}
