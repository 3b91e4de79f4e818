using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Protocol;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Tests.Limits;

/// <summary>GET and PUT /api/v1/tenants/{id}/limits: defaults, strict bodies, who may read and set.</summary>
public sealed class LimitsApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _acme = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _acme = await _server.TenantAsync("acme");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Get_BeforeAnySet_ShowsTheDefaults_ToTheTenantAndAdmin()
    {
        var defaults = TenantLimits.Default;
        var expected = new TenantLimitsView(defaults.RequestsPerSecond, defaults.Burst, defaults.MaxQueuedJobs, defaults.MaxOpenOrders, null, defaults.MaxPriority);

        Assert.Equal(expected, await _acme.GetFromJsonAsync<TenantLimitsView>("/api/v1/tenants/acme/limits", ProtocolJson.Options));
        Assert.Equal(expected, await _server.Admin.GetFromJsonAsync<TenantLimitsView>("/api/v1/tenants/acme/limits", ProtocolJson.Options));
    }

    [Fact]
    public async Task Put_ByAdmin_ReplacesTheLimits_FieldsLeftOutTakeTheirDefaults()
    {
        var response = await PutAsync(_server.Admin, "acme", """{"max_cards": 8, "max_priority": 5, "burst": 20}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = TenantLimits.Default with { MaxCards = 8, MaxPriority = 5, Burst = 20 };
        Assert.Equal(expected, await _server.Store.GetTenantLimitsAsync("acme", CancellationToken.None));
        var shown = await _acme.GetFromJsonAsync<TenantLimitsView>("/api/v1/tenants/acme/limits", ProtocolJson.Options);
        Assert.Equal((8, 5, 20), (shown!.MaxCards, shown.MaxPriority, shown.Burst));
    }

    [Theory]
    [InlineData("""{"burst": 0}""", "burst")]
    [InlineData("""{"requests_per_second": -1}""", "requests_per_second")]
    [InlineData("""{"max_priority": 1000001}""", "max_priority")]
    [InlineData("""{"max_queued_jobs": 99999999999}""", "max_queued_jobs")]
    [InlineData("""{"max_cards": "8"}""", "max_cards")]
    [InlineData("""{"max_open_orders": 1.5}""", "max_open_orders")]
    [InlineData("""{"max_carts": 8}""", "max_carts")]
    public async Task Put_BadValue_Is400NamingTheField_AndChangesNothing(string body, string field)
    {
        var response = await PutAsync(_server.Admin, "acme", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
        Assert.Null(await _server.Store.GetTenantLimitsAsync("acme", CancellationToken.None));
    }

    [Fact]
    public async Task Put_ByTheTenant_Is403_AndForAnUnknownTenant_Is404()
    {
        var own = await PutAsync(_acme, "acme", """{"max_priority": 1000000}""");
        var unknown = await PutAsync(_server.Admin, "nobody", "{}");
        var other = await _acme.GetAsync("/api/v1/tenants/admin/limits");

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Null(await _server.Store.GetTenantLimitsAsync("acme", CancellationToken.None));
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string tenant, string body) =>
        client.PutAsync($"/api/v1/tenants/{tenant}/limits", new StringContent(body, Encoding.UTF8, "application/json"));
}
