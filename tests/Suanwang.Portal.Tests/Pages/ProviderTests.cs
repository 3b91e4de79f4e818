using System.Net;
using System.Net.Http.Json;
using Suanwang.Portal.Tests.Support;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>A provider signs in with its own key: its sites and its statement, and nothing of another provider or of a tenant.</summary>
public sealed class ProviderTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private const string OtherSite = "kz-other-owner";

    private PortalNetwork Network => fixture.Network;

    private static string ThisMonth => DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AProvider_SeesItsSitesAndItsStatement_AsTheAdminsViewShowsIt()
    {
        var key = await Network.ProviderKeyAsync();
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key, "/provider");
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);
        using var rest = Network.Rest(key);

        var sites = await portal.PageAsync("/provider");
        var statement = await portal.PageAsync("/statements");
        using var csv = await portal.GetAsync($"/statements?handler=Csv&month={ThisMonth}");
        var site = await portal.PageAsync("/sites/" + PortalNetwork.CheapestInCn);

        foreach (var (id, _, _) in PortalNetwork.Sites)
        {
            Assert.Contains($"href=\"/sites/{id}\"", sites, StringComparison.Ordinal);
        }

        Assert.Contains("Portal Test Compute", sites, StringComparison.Ordinal);
        Assert.Contains("href=\"/statements?provider=Portal%20Test%20Compute\"", sites, StringComparison.Ordinal);

        // The admin's provider view, for the provider itself: the same page, the same downloads.
        Assert.Equal(Body(await admin.PageAsync("/statements?provider=Portal%20Test%20Compute")), Body(statement));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(
            await rest.GetByteArrayAsync(new Uri($"/api/v1/providers/Portal%20Test%20Compute/statement?format=csv&month={ThisMonth}", UriKind.Relative)),
            await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains(PortalNetwork.CheapestInCn, site, StringComparison.Ordinal);

        // The navigation offers only what a provider may open.
        Assert.Contains("href=\"/provider\"", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/market\"", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/operator\"", statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProvider_GetsTheForbiddenPage_ForAnotherProviderATenantAndEveryTenantOrOperatorPage()
    {
        (await Network.Admin.PostAsJsonAsync("/api/v1/agents/register", new AgentRegistration(OtherSiteYaml, "local", "other-host"), ProtocolJson.Options)).EnsureSuccessStatusCode();
        await Network.TenantAsync("pv-tenant", topUp: 3);
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(await Network.ProviderKeyAsync(), "/provider");

        foreach (var path in new[]
        {
            "/statements?provider=Other%20Owner", "/statements?handler=Csv&provider=Other%20Owner", "/statements?tenant=pv-tenant",
            "/provider?owner=Other%20Owner", "/sites/" + OtherSite,
        })
        {
            using var response = await portal.GetAsync(path);
            Assert.True(Refused(response), $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
            Assert.DoesNotContain("3.00", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/market", "/order", "/jobs", "/wallet", "/tokens", "/map", "/audit", "/operator", "/operator/ledger", "/wallet?tenant=pv-tenant" })
        {
            using var response = await portal.GetAsync(path);
            Assert.True(Refused(response), $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var forbidden = await portal.PageAsync("/forbidden", HttpStatusCode.Forbidden);
        Assert.Contains("href=\"/provider\"", forbidden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenant_MayNotOpenAProvidersSites_AndAnAdminMay()
    {
        using var tenant = new PortalClient(Network.Url);
        await tenant.SignInAsync(await Network.TenantAsync("pv-nosy"));
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);

        using var refused = await tenant.GetAsync("/provider?owner=Portal%20Test%20Compute");

        Assert.True(Refused(refused), $"{(int)refused.StatusCode}");
        Assert.Contains($"href=\"/sites/{PortalNetwork.CheapestInCn}\"", await admin.PageAsync("/provider?owner=Portal%20Test%20Compute"), StringComparison.Ordinal);
        Assert.Contains("href=\"/provider?owner=Portal%20Test%20Compute\"", await admin.PageAsync("/operator"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InChinese_AProvidersPagesSpeakChinese()
    {
        using var portal = new PortalClient(Network.Url, "zh-CN");
        await portal.SignInAsync(await Network.ProviderKeyAsync(), "/provider");

        var sites = await portal.PageAsync("/provider");
        var statement = await portal.PageAsync("/statements");

        Assert.Contains("<html lang=\"zh-Hans\">", sites, StringComparison.Ordinal);
        Assert.Contains("提供方站点", sites, StringComparison.Ordinal);
        Assert.Contains("我的站点", statement, StringComparison.Ordinal);
        Assert.Contains("佣金", statement, StringComparison.Ordinal);
    }

    private static string OtherSiteYaml => $$"""
        id: {{OtherSite}}
        owner: Other Owner
        jurisdiction: KZ
        tier: edge
        carbon: 500
        pools: [{ model: CPU-core, cards_per_node: 2, nodes: 1, price: 0.5 }]
        """;

    // 403 with the Forbidden page, or the redirect to it.
    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } to && (to.IsAbsoluteUri ? to.AbsolutePath : to.OriginalString.Split('?')[0]) == "/forbidden");

    // The statement from its summary on: above it are the header, which names who is signed in, and the admin's choice of whose statement.
    private static string Body(string html) => html[html.IndexOf("id=\"statement-summary\"", StringComparison.Ordinal)..];
}
