using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Protocol;
using Suanwang.Protocol.Sites;
using Suanwang.Protocol.Tenants;
using Suanwang.Protocol.Tokens;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Server.Tests.Market;

namespace Suanwang.Server.Tests.Providers;

/// <summary>A provider's own key: issued by an admin, reading that provider's statement and sites and nothing else.</summary>
public sealed class ProviderKeysTests : IAsyncLifetime
{
    private const string Owner = "Jingjin Compute";
    private const string Jingjin = "/api/v1/providers/Jingjin%20Compute";

    private MarketServer _market = null!;

    public async Task InitializeAsync()
    {
        _market = await MarketServer.StartAsync();
        await _market.Server.RegisterAsync(Specs.Site("site-o"));
        (await _market.TopUpAsync("acme", "100.00")).EnsureSuccessStatusCode();
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "k");
        await _market.RunJobAsync(order.Job!.Value, 1800);
        await _market.SettleAsync();
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Fact]
    public async Task ProviderKey_ReadsItsOwnStatement_ByteForByteAsTheAdminSeesIt()
    {
        var issued = await IssueAsync(Owner, "");
        using var provider = _market.Server.Client(issued.Key);

        foreach (var query in new[] { "month=2026-03", "from=2026-03-01&to=2026-03-31", "month=2026-03&format=csv", "month=2026-03&format=html" })
        {
            var own = await provider.GetAsync($"{Jingjin}/statement?{query}");
            var admin = await _market.Admin.GetAsync($"{Jingjin}/statement?{query}");

            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal(await admin.Content.ReadAsStringAsync(), await own.Content.ReadAsStringAsync());
        }

        Assert.Equal(("provider", (string?)null, (string?)null, Owner), (issued.Role, issued.Tenant, issued.Site, issued.Owner));
        Assert.Contains("\"charges\":\"10.00\"", await provider.GetStringAsync($"{Jingjin}/statement?month=2026-03"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderKey_ReadsItsOwnSitesWithPoolsPricesLoadAndModels_NotAnotherOwners()
    {
        var published = await _market.Admin.PutAsJsonAsync(
            "/api/v1/agents/cn-a/models",
            new SiteModels([new SiteModel("qwen-7b", "http://127.0.0.1:9/v1", "external", 4096, 4, 1.5m, 3m, "CNY")]),
            ProtocolJson.Options);
        published.EnsureSuccessStatusCode();
        using var provider = _market.Server.Client((await IssueAsync(Owner, "")).Key);

        var sites = (await provider.GetFromJsonAsync<List<ProviderSiteView>>($"{Jingjin}/sites", ProtocolJson.Options))!;

        var site = Assert.Single(sites);
        Assert.Equal(("cn-a", Owner, 32), (site.Site.Id, site.Site.Owner, site.Site.Cards));
        Assert.InRange(site.Site.FreeCards, 0, 32);
        var pool = Assert.Single(site.Site.Pools);
        Assert.Equal("Ascend-910B", pool.Model);
        var model = Assert.Single(site.Models);
        Assert.Equal(("qwen-7b", "cn-a", 1.5m, 3m), (model.Model, model.Site, model.InputPrice, model.OutputPrice));
    }

    [Theory]
    [InlineData("/api/v1/providers/Jingjin%20Compute/statement")]
    [InlineData("/api/v1/providers/Jingjin%20Compute/sites")]
    [InlineData("/api/v1/providers/Nobody%20At%20All/statement")]
    [InlineData("/api/v1/providers/Nobody%20At%20All/sites")]
    public async Task AnotherProvidersKey_Gets404_WhetherTheOwnerExistsOrNot(string path)
    {
        using var other = _market.Server.Client((await IssueAsync("Test Compute", "")).Key);

        var response = await other.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var owner = Uri.UnescapeDataString(path.Split('/')[4]);
        Assert.Equal($"provider '{owner}' does not exist", (await TestServer.ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/jobs")]
    [InlineData("GET", "/api/v1/sites")]
    [InlineData("GET", "/api/v1/offers")]
    [InlineData("GET", "/api/v1/models")]
    [InlineData("GET", "/api/v1/tenants/acme/statement")]
    [InlineData("GET", "/api/v1/tenants/acme/balance")]
    [InlineData("GET", "/api/v1/keys")]
    [InlineData("POST", "/api/v1/providers/Jingjin%20Compute/payouts")]
    [InlineData("POST", "/api/v1/providers/Jingjin%20Compute/keys")]
    [InlineData("POST", "/api/v1/agents/cn-a/heartbeat")]
    public async Task ProviderKey_MayDoNothingElse_403SayingWhatItIs(string method, string path)
    {
        using var provider = _market.Server.Client((await IssueAsync(Owner, "")).Key);

        var response = await provider.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "this is the provider key of Jingjin Compute: it may only read that provider's statement and sites",
            (await TestServer.ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Single(await _market.Server.Store.ListApiKeysAsync(null, null, Owner, CancellationToken.None));
    }

    [Fact]
    public async Task ProviderKeys_AreListedByOwner_AndARevokedOneGets401()
    {
        var key = await IssueAsync(Owner, """{"expires_at": "2026-04-01T00:00:00Z"}""");
        await IssueAsync("Test Compute", "");
        using var provider = _market.Server.Client(key.Key);

        var listed = (await _market.Admin.GetFromJsonAsync<List<ApiKeyView>>("/api/v1/keys?owner=Jingjin%20Compute", ProtocolJson.Options))!;
        var revoked = await _market.Admin.DeleteAsync($"/api/v1/keys/{key.Id}");
        var after = await provider.GetAsync($"{Jingjin}/statement");

        var view = Assert.Single(listed);
        Assert.Equal((key.Id, "provider", Owner, "active", (string?)null), (view.Id, view.Role, view.Owner, view.State, view.Tenant));
        Assert.Equal(key.ExpiresAt, view.ExpiresAt);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [InlineData("Jingjin%20Compute", """{"expires_at": "2026-03-01T07:00:00Z"}""", "expires_at")]
    [InlineData("Jingjin%20Compute", """{"admin": true}""", "admin")]
    [InlineData("%20", "{}", "owner")]
    [InlineData("Evil%E2%80%AECompute", "{}", "owner")]
    public async Task IssueProviderKey_BadInput_Is400NamingTheField_AndWritesNothing(string owner, string body, string field)
    {
        var response = await _market.Admin.PostAsync($"/api/v1/providers/{owner}/keys", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
        Assert.DoesNotContain(await _market.Server.Store.ListApiKeysAsync(null, null, null, CancellationToken.None), k => k.Owner is not null);
    }

    [Fact]
    public async Task ListKeys_ByAnOwnerThatIsNoName_Is400NamingOwner()
    {
        var response = await _market.Admin.GetAsync("/api/v1/keys?owner=%E2%80%AE");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("owner", (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
    }

    private async Task<ApiKeyIssued> IssueAsync(string owner, string body)
    {
        var response = await _market.Admin.PostAsync(
            $"/api/v1/providers/{Uri.EscapeDataString(owner)}/keys", body.Length == 0 ? null : new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!;
    }
}
