using System.Net;
using System.Text.RegularExpressions;
using Suanwang.Portal.Tests.Support;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>The marketplace's filters and sorting, a site's page, and orders placed through the order page.</summary>
public sealed partial class MarketTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    [Fact]
    public async Task Filters_ByCountry_SortedByPrice_ShowTheCheapestFirst()
    {
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(Network.AdminKey);

        var html = await portal.PageAsync("/market?country=CN&sort=price&order=asc");

        Assert.Equal([PortalNetwork.CheapestInCn, "cn-portal-dear"], Rows(html));
        Assert.Equal(["kz-portal-cheapest", PortalNetwork.CheapestInCn, "cn-portal-dear"], Rows(await portal.PageAsync("/market")));
        Assert.Equal(["cn-portal-dear", PortalNetwork.CheapestInCn, "kz-portal-cheapest"], Rows(await portal.PageAsync("/market?order=desc")));
        Assert.Equal(["kz-portal-cheapest"], Rows(await portal.PageAsync("/market?max_price_per_card_hour=0.15")));
        Assert.Empty(Rows(await portal.PageAsync("/market?tier=core")));
    }

    [Theory]
    [InlineData("max_carbon=-1", "max_carbon")]
    [InlineData("tier=space", "tier")]
    [InlineData("max_price_per_card_hour=lots", "max_price_per_card_hour")]
    [InlineData("zone=x", "zone")]
    [InlineData("model=NoSuchCard", "model")]
    public async Task ABadFilter_Answers400_NamingTheField(string query, string field)
    {
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(Network.AdminKey);

        var html = await portal.PageAsync("/market?" + query, HttpStatusCode.BadRequest);

        Assert.Contains($"<code>{field}</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASitesPage_ShowsItsPoolsAndCarbon_AndAnUnknownSiteIs404()
    {
        using var portal = new PortalClient(Network.Url, "zh-CN");
        await portal.SignInAsync(Network.AdminKey);

        var html = await portal.PageAsync("/sites/" + PortalNetwork.CheapestInCn);

        Assert.Contains("CPU-core", html, StringComparison.Ordinal);
        Assert.Contains("0.20 元", html, StringComparison.Ordinal);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        await portal.PageAsync("/sites/nowhere", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnInvalidSpec_IsRefused_WithTheLineAndField_AndWritesNothing()
    {
        var key = await Network.TenantAsync("market-invalid", topUp: 10);
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);

        using var response = await portal.PostAsync("/order?handler=Validate", [new("Form.Name", "bad"), new("Form.Run", "echo"), new("Form.TimeLimit", "10m"), new("Form.Yaml", "priority: high")], "/order");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<code>priority</code>", html, StringComparison.Ordinal);
        Assert.Matches("line \\d+", html);
        Assert.DoesNotContain("\"name\":\"bad\"", await Network.Admin.GetStringAsync(new Uri("/api/v1/jobs?tenant=market-invalid", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrder_QuotesThenPays_AndGoesToTheJob()
    {
        var key = await Network.TenantAsync("market-buyer", topUp: 10);
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);
        List<KeyValuePair<string, string>> form = [new("Form.Name", "bought"), new("Form.Run", "echo bought"), new("Form.Cards", "1"), new("Form.TimeLimit", "10m"), new("Form.Country", "CN")];

        using var quoted = await portal.PostAsync("/order?handler=Quote", form, "/order");
        var quote = await quoted.Content.ReadAsStringAsync();
        Assert.True(quoted.StatusCode == HttpStatusCode.OK, quote);
        Assert.Contains(PortalNetwork.CheapestInCn, quote, StringComparison.Ordinal);
        Assert.DoesNotContain("kz-portal-cheapest", quote, StringComparison.Ordinal);

        List<KeyValuePair<string, string>> confirm = [.. form, new("QuoteId", PortalClient.Hidden(quote, "QuoteId")), new("IdempotencyKey", PortalClient.Hidden(quote, "IdempotencyKey")), new("Option", "0"), new("__csrf", PortalClient.Token(quote))];
        using var placed = await portal.PostAsync("/order?handler=Confirm", confirm, null);
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var job = placed.Headers.Location!.OriginalString;
        Assert.Matches("^/jobs/\\d+$", job);
        Assert.Contains("bought", await portal.PageAsync(job), StringComparison.Ordinal);

        // The same confirmation again finds the same order: nothing is paid twice.
        using var replayed = await portal.PostAsync("/order?handler=Confirm", confirm, null);
        Assert.Equal(job, replayed.Headers.Location!.OriginalString);

        // The wallet shows what the order holds, taken from the 10 CNY topped up, and the order holding it.
        var wallet = await portal.PageAsync("/wallet");
        var held = Amount(wallet, "wallet-held");
        Assert.True(held > 0, wallet);
        Assert.Equal(10m, held + Amount(wallet, "wallet-available"));
        Assert.Contains($"<a href=\"{job}\">", wallet, StringComparison.Ordinal);
        using var others = await portal.GetAsync("/wallet?tenant=admin");
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
    }

    private static decimal Amount(string html, string id) =>
        decimal.Parse(Regex.Match(html, $"<dd id=\"{id}\">CNY ([0-9.,]+)</dd>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Rows(string html) => RowPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<tr data-site=\"([^\"]+)\"")]
    private static partial Regex RowPattern();
}
