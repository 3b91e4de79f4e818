using System.Net;
using System.Text;
using System.Text.Json;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Gateway;

namespace Suanwang.Server.Tests.Gateway;

/// <summary>The data law decides where a token request carrying registered datasets may be served.</summary>
public sealed class GatewayLawTests : IAsyncLifetime
{
    // Two million Chinese individuals' personal information: to KZ only with a CAC security assessment (CN-3).
    private const string Dataset = """
        {"id": "ds-cn", "site": "cn-a", "jurisdiction": "CN", "classification": "general",
         "personal_information": {"individuals": 2000000, "sensitive": 0, "subjects": ["CN"]}}
        """;

    private GatewayServer _gateway = null!;
    private FakeUpstream _cn = null!;
    private FakeUpstream _kz = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayServer.StartAsync();
        _cn = await FakeUpstream.StartAsync();
        _kz = await FakeUpstream.StartAsync();
        await _gateway.AddSiteAsync("cn-a", "CN", _cn);
        await _gateway.AddSiteAsync("kz-a", "KZ", _kz);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _cn.DisposeAsync();
        await _kz.DisposeAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<HttpClient> TenantWithDatasetAsync(NewApiKey? key = null)
    {
        var secret = await _gateway.KeyAsync("acme", key);
        await _gateway.TopUpAsync("acme", "10.00");
        using var rest = _gateway.Server.Client(secret);
        (await rest.PostAsync("/api/v1/datasets", Json(Dataset))).EnsureSuccessStatusCode();
        return _gateway.Gateway(secret);
    }

    private static HttpRequestMessage Chat(string datasets) => new(HttpMethod.Post, "/v1/chat/completions")
    {
        Content = Json(GatewayServer.Chat()),
        Headers = { { GatewayHandler.DatasetsHeader, datasets } },
    };

    [Fact]
    public async Task ARequestCarryingADataset_IsServedOnlyWhereTheLawAllowsIt()
    {
        var client = await TenantWithDatasetAsync();

        for (var i = 0; i < 4; i++)
        {
            using var request = Chat("ds-cn");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal((4, 0), (_cn.Requests, _kz.Requests));
        Assert.All(await _gateway.UsageAsync("acme"), u => Assert.Equal("cn-a", u.Site));
    }

    [Fact]
    public async Task AKeyHeldToWhereTheLawForbids_Gets403InOpenAiFormat_NamingTheRule_AndHoldsNothing()
    {
        var client = await TenantWithDatasetAsync(new NewApiKey(Jurisdictions: ["KZ"]));

        using var request = Chat("ds-cn");
        var denied = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var error = JsonDocument.Parse(await denied.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("permission_error", "data_law_denied", GatewayHandler.DatasetsHeader), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.Contains("CN-3", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), (_cn.Requests, _kz.Requests));
        Assert.Empty(await _gateway.UsageAsync("acme"));
    }

    [Fact]
    public async Task ADatasetTheTenantHasNot_Gets404NamingTheHeader()
    {
        var client = await TenantWithDatasetAsync();

        using var request = Chat("ds-nowhere");
        var refused = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("dataset_not_found", GatewayHandler.DatasetsHeader), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
    }

    [Fact]
    public async Task WithoutTheHeader_TheLawIsNotAsked_AndEveryAllowedEndpointServes()
    {
        var client = await TenantWithDatasetAsync();

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()))).StatusCode);
        }

        Assert.Equal(6, _cn.Requests + _kz.Requests);
    }
}
