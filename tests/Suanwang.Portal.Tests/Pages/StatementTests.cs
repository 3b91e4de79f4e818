using System.Net;
using System.Net.Http.Json;
using Suanwang.Portal.Tests.Support;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Tokens;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>The statements page: the same statement as the REST route, its charts, its downloads and who may see which.</summary>
public sealed class StatementTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    private static string ThisMonth => DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ATenant_SeesItsTopUpsRefundsAndTokenCosts_WithChartsAndTheirTables()
    {
        var issued = await Network.TenantKeyAsync("st-tenant", topUp: 50);
        (await Network.Admin.PostAsJsonAsync("/api/v1/tenants/st-tenant/refunds", new NewTopUp("2.50", "CNY", "goodwill"), ProtocolJson.Options)).EnsureSuccessStatusCode();
        await Network.Store.RecordTokenUsageAsync(Usage("st-tenant", issued.Id, "qwen-portal", 1_234_567_891), CancellationToken.None);
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(issued.Key);

        var html = await portal.PageAsync("/statements");

        Assert.Contains("CNY 50.00", html, StringComparison.Ordinal);
        Assert.Contains("CNY 2.50", html, StringComparison.Ordinal);
        Assert.Contains("goodwill", html, StringComparison.Ordinal);
        Assert.Contains("qwen-portal", html, StringComparison.Ordinal);

        // The token cost is shown exactly, to the nano, as the statement carries it.
        Assert.Contains("CNY 1.234567891", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "spend-day", "spend-site", "spend-model", "card-hours-day", "petaflop-hours-day" })
        {
            Assert.Contains($"id=\"chart-{chart}\"", html, StringComparison.Ordinal);
        }

        // The model chart is drawn (an SVG with a text alternative) and its numbers are in a table too.
        Assert.Contains("role=\"img\" aria-labelledby=\"chart-spend-model-title chart-spend-model-desc\"", html, StringComparison.Ordinal);
        Assert.Contains("<td><bdi>qwen-portal</bdi></td><td class=\"num\">CNY 1.23</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDownloads_AreTheRestRoutesBytes_AndThePrintablePageKeepsAStrictPolicy()
    {
        var issued = await Network.TenantKeyAsync("st-download", topUp: 12.5m);
        await Network.Store.RecordTokenUsageAsync(Usage("st-download", issued.Id, "m,\"quoted\"", 42), CancellationToken.None);
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(issued.Key);
        using var rest = Network.Rest(issued.Key);

        using var csv = await portal.GetAsync($"/statements?handler=Csv&month={ThisMonth}");
        using var html = await portal.GetAsync($"/statements?handler=Html&month={ThisMonth}");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            await rest.GetByteArrayAsync(new Uri($"/api/v1/tenants/st-download/statement?format=csv&month={ThisMonth}", UriKind.Relative)),
            await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("attachment;", csv.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(
            await rest.GetByteArrayAsync(new Uri($"/api/v1/tenants/st-download/statement?format=html&month={ThisMonth}", UriKind.Relative)),
            await html.Content.ReadAsByteArrayAsync());
        var csp = Assert.Single(html.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(html.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/statements?month=2026-13", "month")]
    [InlineData("/statements?month=2026-11&from=2026-11-01", "month")]
    [InlineData("/statements?from=2026-11-05&to=2026-11-01", "to")]
    [InlineData("/statements?from=2024-01-01&to=2026-01-01", "to")]
    [InlineData("/statements?from=yesterday", "from")]
    [InlineData("/statements?handler=Csv&from=2026-11-05&to=2026-11-01", "to")]
    public async Task ABadPeriod_Is400_NamingTheField(string path, string field)
    {
        var key = await Network.TenantAsync("st-bad-" + Math.Abs(path.GetHashCode(StringComparison.Ordinal)));
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);

        var html = await portal.PageAsync(path, HttpStatusCode.BadRequest);

        Assert.Contains($"<code>{field}</code>:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherTenantsOrAProvidersStatement_Is403_ButAnAdminSeesBoth()
    {
        var key = await Network.TenantAsync("st-nosy");
        await Network.TenantAsync("st-private", topUp: 7);
        using var nosy = new PortalClient(Network.Url);
        await nosy.SignInAsync(key);
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);

        await nosy.PageAsync("/statements?tenant=st-private", HttpStatusCode.Forbidden);
        await nosy.PageAsync("/statements?handler=Csv&tenant=st-private", HttpStatusCode.Forbidden);
        await nosy.PageAsync("/statements?provider=Portal%20Test%20Compute", HttpStatusCode.Forbidden);
        Assert.Contains("CNY 7.00", await admin.PageAsync("/statements?tenant=st-private"), StringComparison.Ordinal);
        Assert.Contains("Portal Test Compute", await admin.PageAsync("/statements?provider=Portal%20Test%20Compute"), StringComparison.Ordinal);
        await admin.PageAsync("/statements?tenant=st-nobody", HttpStatusCode.NotFound);
        await admin.PageAsync("/statements?tenant=" + new string('a', 200), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task InChinese_TheStatementSpeaksChinese_AndWritesMoneyInYuan()
    {
        var key = await Network.TenantAsync("st-zh", topUp: 8);
        using var portal = new PortalClient(Network.Url, "zh-CN");
        await portal.SignInAsync(key);

        var html = await portal.PageAsync("/statements");

        Assert.Contains("<html lang=\"zh-Hans\">", html, StringComparison.Ordinal);
        Assert.Contains("期初余额", html, StringComparison.Ordinal);
        Assert.Contains("8.00 元", html, StringComparison.Ordinal);
    }

    [Fact]
    public void StyleHash_IsTheSha256OfTheStyleSheet()
    {
        Assert.Equal("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Suanwang.Portal.Pages.Statements.IndexModel.StyleHash("<html><style></style></html>"));
    }

    internal static TokenUsageRecord Usage(string tenant, string key, string model, long nanos) =>
        new(DateTimeOffset.UtcNow, tenant, key, model, PortalNetwork.CheapestInCn, "Portal Test Compute", 1000, 100, 500, 10, 100, "ok", "CNY", nanos);
}
