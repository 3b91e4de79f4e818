using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Tests.Hosting;

namespace Suanwang.Server.Tests.Tenants;

public sealed class KeysApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RevokedKey_Gets401SayingItWasRevoked()
    {
        using var acme = await _server.TenantAsync("acme");
        var key = await IssueAsync("/api/v1/tenants/acme/keys", "{}");
        using var client = _server.Client(key.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/jobs")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _server.Admin.DeleteAsync($"/api/v1/keys/{key.Id}")).StatusCode);
        var refused = await client.GetAsync("/api/v1/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var detail = (await TestServer.ProblemAsync(refused)).GetProperty("detail").GetString();
        Assert.Equal($"API key {key.Id} was revoked at 2026-03-01T08:00:00Z; ask an admin for a new one", detail);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Admin.DeleteAsync("/api/v1/keys/key_000000000000")).StatusCode);
    }

    [Fact]
    public async Task ExpiringKey_WorksUntilItsTime_Then401SayingItExpired()
    {
        using var acme = await _server.TenantAsync("acme");
        var key = await IssueAsync("/api/v1/tenants/acme/keys", """{"expires_at": "2026-03-01T09:00:00Z"}""");
        using var client = _server.Client(key.Key);

        var before = await client.GetAsync("/api/v1/jobs");
        _server.Time.Advance(TimeSpan.FromHours(1));
        var after = await client.GetAsync("/api/v1/jobs");

        Assert.Equal(("tenant", "acme", (string?)null), (key.Role, key.Tenant, key.Site));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), key.ExpiresAt);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal($"API key {key.Id} expired at 2026-03-01T09:00:00Z; ask an admin for a new one", (await TestServer.ProblemAsync(after)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/tenants/acme/keys", """{"expires_at": "2026-03-01T07:59:59Z"}""", "expires_at")]
    [InlineData("/api/v1/sites/cn-sh-1/keys", """{"expires_at": "2026-03-01T08:00:00Z"}""", "expires_at")]
    [InlineData("/api/v1/tenants/acme/keys", """{"admin": false, "role": "admin"}""", "role")]
    [InlineData("/api/v1/sites/cn-sh-1/keys", """{"admin": true}""", "admin")]
    [InlineData("/api/v1/sites/cn-sh-1/keys", """{"expires_at": 1767225600}""", "expires_at")]
    [InlineData("/api/v1/sites/bad%20site/keys", "{}", "id")]
    public async Task IssueKey_BadBody_Is400NamingTheField(string path, string body, string field)
    {
        using var acme = await _server.TenantAsync("acme");

        var response = await _server.Admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestServer.ProblemAsync(response);
        Assert.Equal(field, problem.TryGetProperty("field", out var named) ? named.GetString() : "");
        Assert.Single(await _server.Store.ListApiKeysAsync("acme", null, null, CancellationToken.None));
        Assert.Empty(await _server.Store.ListApiKeysAsync(null, "cn-sh-1", null, CancellationToken.None));
    }

    [Fact]
    public async Task AgentKey_ActsForItsOwnSiteOnly_AndForNothingElse()
    {
        var own = await IssueAsync("/api/v1/sites/site-x/keys", "");
        using var agent = _server.Client(own.Key);

        var registered = await agent.PostAsJsonAsync("/api/v1/agents/register", new AgentRegistration(Specs.Site("site-x"), "local", "host"), ProtocolJson.Options);
        var epoch = (await registered.Content.ReadFromJsonAsync<AgentRegistered>(ProtocolJson.Options))!.Epoch;
        var heartbeat = await agent.PostAsJsonAsync("/api/v1/agents/site-x/heartbeat", new Heartbeat(epoch, []), ProtocolJson.Options);
        var otherSite = await agent.PostAsJsonAsync("/api/v1/agents/register", new AgentRegistration(Specs.Site("site-y"), "local", "host"), ProtocolJson.Options);
        var otherHeartbeat = await agent.PostAsJsonAsync("/api/v1/agents/site-y/heartbeat", new Heartbeat(1, []), ProtocolJson.Options);
        var jobs = await agent.GetAsync("/api/v1/jobs");

        Assert.Equal(("agent", (string?)null, "site-x"), (own.Role, own.Tenant, own.Site));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, heartbeat.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherSite.StatusCode);
        Assert.Equal("this is the agent key of site site-x; it may not act for site site-y", (await TestServer.ProblemAsync(otherSite)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, otherHeartbeat.StatusCode);
        Assert.Null(await _server.Store.GetSiteAsync("site-y", CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, jobs.StatusCode);
        Assert.Equal("this is the agent key of site site-x: it may only register, heartbeat and report for that site", (await TestServer.ProblemAsync(jobs)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TenantKey_MayNotUseTheAgentProtocol()
    {
        using var acme = await _server.TenantAsync("acme");

        var register = await acme.PostAsJsonAsync("/api/v1/agents/register", new AgentRegistration(Specs.Site("site-x"), "local", "host"), ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Equal("this needs an admin key or the site's agent key", (await TestServer.ProblemAsync(register)).GetProperty("detail").GetString());
        Assert.Null(await _server.Store.GetSiteAsync("site-x", CancellationToken.None));
    }

    [Fact]
    public async Task ListKeys_ShowsRolesAndStates_NeverSecrets()
    {
        using var acme = await _server.TenantAsync("acme");
        var revoked = await IssueAsync("/api/v1/tenants/acme/keys", "");
        await _server.Admin.DeleteAsync($"/api/v1/keys/{revoked.Id}");
        var expiring = await IssueAsync("/api/v1/tenants/acme/keys", """{"expires_at": "2026-03-01T08:30:00Z"}""");
        var agent = await IssueAsync("/api/v1/sites/site-x/keys", "");
        _server.Time.Advance(TimeSpan.FromHours(1));

        var response = await _server.Admin.GetAsync("/api/v1/keys");
        var text = await response.Content.ReadAsStringAsync();
        var keys = (await _server.Admin.GetFromJsonAsync<List<ApiKeyView>>("/api/v1/keys", ProtocolJson.Options))!;
        var ofSite = (await _server.Admin.GetFromJsonAsync<List<ApiKeyView>>("/api/v1/keys?site=site-x", ProtocolJson.Options))!;
        var badFilter = await _server.Admin.GetAsync("/api/v1/keys?tenant=Not%20A%20Tenant");

        var byId = keys.ToDictionary(k => k.Id, k => (k.Role, k.State));
        Assert.Equal(5, byId.Count);
        Assert.Equal(("tenant", "revoked"), byId[revoked.Id]);
        Assert.Equal(("tenant", "expired"), byId[expiring.Id]);
        Assert.Equal(("agent", "active"), byId[agent.Id]);
        Assert.Equal(["admin", "tenant"], keys.Where(k => k.State == "active" && k.Site is null).Select(k => k.Role).Order());
        Assert.Equal([agent.Id], ofSite.Select(k => k.Id));
        Assert.DoesNotContain(revoked.Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(agent.Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"key\"", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal("tenant", (await TestServer.ProblemAsync(badFilter)).GetProperty("field").GetString());
    }

    private async Task<ApiKeyIssued> IssueAsync(string path, string body)
    {
        var response = await _server.Admin.PostAsync(path, body.Length == 0 ? null : new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!;
    }
}
