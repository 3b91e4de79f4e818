using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Tenants;
using Suanwang.Protocol.Tokens;

namespace Suanwang.Server.Tests.Gateway;

public sealed class GatewayRoutingTests : IAsyncLifetime
{
    private GatewayServer _gateway = null!;
    private FakeUpstream _cnA = null!;
    private FakeUpstream _cnB = null!;
    private FakeUpstream _kz = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayServer.StartAsync();
        _cnA = await FakeUpstream.StartAsync("cn-a");
        _cnB = await FakeUpstream.StartAsync("cn-b");
        _kz = await FakeUpstream.StartAsync("kz");
        await _gateway.TopUpAsync("admin", "100.00");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _cnA.DisposeAsync();
        await _cnB.DisposeAsync();
        await _kz.DisposeAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

    private async Task<HttpClient> CnOnlyAsync()
    {
        var key = await _gateway.KeyAsync("acme", new NewApiKey(Jurisdictions: ["CN"]));
        await _gateway.TopUpAsync("acme", "100.00");
        return _gateway.Gateway(key);
    }

    [Fact]
    public async Task KeyHeldToCn_WithEveryCnEndpointDown_Gets503SayingSo_AndNeverReachesKazakhstan()
    {
        await _gateway.AddSiteAsync("cn-a", "CN", _cnA, healthy: false);
        await _gateway.AddSiteAsync("kz-a", "KZ", _kz);
        var client = await CnOnlyAsync();

        var response = await client.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var message = (await ErrorAsync(response)).GetProperty("message").GetString()!;
        Assert.Contains("down", message, StringComparison.Ordinal);
        Assert.Contains("not sent outside CN", message, StringComparison.Ordinal);
        Assert.Equal(0, _kz.Requests);
        Assert.Empty(await _gateway.UsageAsync("acme"));
    }

    [Fact]
    public async Task TraceContext_IsNotSentUpstream_EvenWhileEveryActivityIsRecorded()
    {
        // A listener that records every activity makes the host and the HTTP client trace each
        // request; the client's trace context must still stop at the gateway.
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await _gateway.AddSiteAsync("cn-a", "CN", _cnA);
        var client = await CnOnlyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(GatewayServer.Chat()) };
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_cnA.LastHeaderNames);
        Assert.DoesNotContain(_cnA.LastHeaderNames, h => h.Equals("traceparent", StringComparison.OrdinalIgnoreCase) || h.Equals("tracestate", StringComparison.OrdinalIgnoreCase) || h.Equals("Request-Id", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task EndpointFailing_FallsBackToTheSecondAllowedEndpoint()
    {
        _cnA.Fail = true;
        await _gateway.AddSiteAsync("cn-a", "CN", _cnA);
        await _gateway.AddSiteAsync("cn-b", "CN", _cnB);
        await _gateway.AddSiteAsync("kz-a", "KZ", _kz);
        var client = await CnOnlyAsync();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await client.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()))).StatusCode);
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(4, _cnB.Requests);
        Assert.Equal(0, _kz.Requests);
        Assert.All(await _gateway.UsageAsync("acme"), u => Assert.Equal("cn-b", u.Site));
    }

    [Fact]
    public async Task HeaderNarrowsTheKeysJurisdictions_AndOneThatWidensIsRefused403()
    {
        await _gateway.AddSiteAsync("cn-a", "CN", _cnA);
        await _gateway.AddSiteAsync("kz-a", "KZ", _kz);
        var key = await _gateway.KeyAsync("acme", new NewApiKey(Jurisdictions: ["CN", "KZ"]));
        await _gateway.TopUpAsync("acme", "100.00");
        var client = _gateway.Gateway(key);

        using var narrowed = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(GatewayServer.Chat()) };
        narrowed.Headers.Add("Suanwang-Allowed-Jurisdictions", "KZ");
        using var widened = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(GatewayServer.Chat()) };
        widened.Headers.Add("Suanwang-Allowed-Jurisdictions", "CN,US");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(narrowed)).StatusCode);
        var refused = await client.SendAsync(widened);

        Assert.Equal("kz-a", Assert.Single(await _gateway.UsageAsync("acme")).Site);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("jurisdiction_not_allowed", (await ErrorAsync(refused)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task ModelServedOnlyOutsideTheKeysJurisdictions_Gets403()
    {
        await _gateway.AddSiteAsync("kz-a", "KZ", _kz);
        var client = await CnOnlyAsync();

        var response = await client.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _kz.Requests);
    }

    [Fact]
    public async Task SiteWhoseHeartbeatStops_IsShownDown_AndNotRoutedTo()
    {
        await _gateway.AddSiteAsync("cn-a", "CN", _cnA);
        await _gateway.Server.Store.MarkDownAsync("cn-a", _gateway.Server.Time.GetUtcNow(), CancellationToken.None);

        var models = await _gateway.Admin.GetFromJsonAsync<ModelEndpointView[]>("/api/v1/models", ProtocolJson.Options);
        var response = await _gateway.Gateway(_gateway.Server.AdminKey).PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()));

        Assert.Equal(("fake", "cn-a", "CN", "down: site-down"), (models![0].Model, models[0].Site, models[0].Country, models[0].State));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, _cnA.Requests);
    }

    [Fact]
    public async Task KeyList_ShowsJurisdictionsAndLimits()
    {
        await _gateway.KeyAsync("acme", new NewApiKey(Jurisdictions: ["cn", "KZ"], RequestsPerMinute: 60, TokensPerMinute: 1000, SpendPerMonth: 12.5m));

        var keys = await _gateway.Admin.GetFromJsonAsync<ApiKeyView[]>("/api/v1/keys?tenant=acme", ProtocolJson.Options);

        var key = Assert.Single(keys!);
        Assert.Equal(["CN", "KZ"], key.Jurisdictions!);
        Assert.Equal((60L, 1000L, "12.50"), (key.RequestsPerMinute, key.TokensPerMinute, key.SpendPerMonth));
    }

    [Fact]
    public async Task BadJurisdictionOrPublishedModel_Gets400NamingTheField()
    {
        await _gateway.Server.RegisterAsync(GatewayServer.SiteYaml("cn-a", "CN"));
        await _gateway.Admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant("acme"), ProtocolJson.Options);

        var key = await _gateway.Admin.PostAsJsonAsync("/api/v1/tenants/acme/keys", new NewApiKey(Jurisdictions: ["CN", "XX"]), ProtocolJson.Options);
        var model = await _gateway.Admin.PutAsJsonAsync("/api/v1/agents/cn-a/models", new SiteModels([new SiteModel("m", _cnA.Url, "external", 4096, 0, 1, 1, "CNY")]), ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, key.StatusCode);
        Assert.Equal("jurisdictions[1]", (await Hosting.TestServer.ProblemAsync(key)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, model.StatusCode);
        Assert.Equal("models[0].capacity", (await Hosting.TestServer.ProblemAsync(model)).GetProperty("field").GetString());
    }
}
