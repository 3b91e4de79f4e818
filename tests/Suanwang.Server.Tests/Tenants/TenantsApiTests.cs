using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Protocol;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Tests.Hosting;

namespace Suanwang.Server.Tests.Tenants;

public sealed class TenantsApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_ThenList_ShowsTheTenantWithItsWeight()
    {
        var created = await _server.Admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant("acme", "Acme Labs", 2), ProtocolJson.Options);
        var tenants = await _server.Admin.GetFromJsonAsync<List<TenantView>>("/api/v1/tenants", ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/tenants/acme", created.Headers.Location!.OriginalString);
        Assert.Equal([new TenantView("acme", "Acme Labs", 2), new TenantView("admin", "Administrators", 1)], tenants);
    }

    [Fact]
    public async Task Create_TakenId_Is409_AndBadId_Is400NamingId()
    {
        await _server.Admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant("acme"), ProtocolJson.Options);

        var taken = await _server.Admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant("acme"), ProtocolJson.Options);
        var bad = await _server.Admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant("Acme Labs"), ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("id", (await TestServer.ProblemAsync(bad)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Create_MalformedJson_Is400NamingTheFieldAndLine()
    {
        var body = "{\n  \"id\": \"acme\",\n  \"weight\": \"heavy\"\n}";

        var response = await _server.Admin.PostAsync("/api/v1/tenants", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestServer.ProblemAsync(response);
        Assert.Equal("weight", problem.GetProperty("field").GetString());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Null(await _server.Store.GetTenantAsync("acme", CancellationToken.None));
    }

    [Fact]
    public async Task IssuedKey_Works_UntilRevoked()
    {
        using var acme = await _server.TenantAsync("acme");
        var issued = await _server.Admin.PostAsync("/api/v1/tenants/acme/keys", null);
        var key = await issued.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options);
        using var client = _server.Client(key!.Key);

        var before = await client.GetAsync("/api/v1/jobs");
        var revoked = await _server.Admin.DeleteAsync($"/api/v1/keys/{key.Id}");
        var after = await client.GetAsync("/api/v1/jobs");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(43, key.Key.Length);
        Assert.DoesNotContain(key.Key, (await _server.Store.FindApiKeyAsync(Suanwang.ControlPlane.Tenants.ApiKeys.Hash(key.Key), CancellationToken.None))?.Hash ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantKey_MayNotManageTenants()
    {
        using var acme = await _server.TenantAsync("acme");

        var response = await acme.PostAsJsonAsync("/api/v1/tenants", new NewTenant("evil"), ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await TestServer.ProblemAsync(response);
        Assert.Null(await _server.Store.GetTenantAsync("evil", CancellationToken.None));
    }
}
