using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Server.Hosting;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Hosting;

public sealed class ServerHostingTests
{
    [Fact]
    public async Task Start_BindsLoopbackOnAFreePort_AndReturnsTheBootstrapAdminKeyOnce()
    {
        await using var data = await TestStore.OpenAsync();
        var store = data.Store;
        var time = new ManualTimeProvider(TestServer.Start);
        string key;
        await using (var first = await SuanwangServer.StartAsync(TestServer.Options(time), store))
        {
            Assert.Equal("127.0.0.1", first.Url.Host);
            Assert.NotEqual(0, first.Url.Port);
            key = first.AdminKey!;
        }

        await using var second = await SuanwangServer.StartAsync(TestServer.Options(time), store);

        Assert.Equal(43, key.Length);
        Assert.Null(second.AdminKey);
        var stored = await store.FindApiKeyAsync(Suanwang.ControlPlane.Tenants.ApiKeys.Hash(key), CancellationToken.None);
        Assert.True(stored!.Admin);
        Assert.Equal("admin", stored.Tenant);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheApi_AndHealthAnswers()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Client(null);

        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var health = await anonymous.GetAsync("/healthz");

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/jobs", paths);
        Assert.Contains("/api/v1/jobs/{id}/logs", paths);
        Assert.Contains("/api/v1/agents/{site}/heartbeat", paths);
        Assert.Contains("/api/v1/tenants/{id}/keys", paths);
        Assert.Contains("/api/v1/offers", paths);
        Assert.Contains("/api/v1/quotes", paths);
        Assert.Contains("/api/v1/orders", paths);
        Assert.Contains("/api/v1/tenants/{tenant}/topups", paths);
        Assert.Contains("/api/v1/tenants/{tenant}/balance", paths);
        Assert.Contains("/api/v1/tenants/{tenant}/statement", paths);
        Assert.Contains("/api/v1/ledger/verify", paths);
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AddSuanwangServer_UnknownPolicy_Throws()
    {
        await using var data = await TestStore.OpenAsync();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();

        var error = Assert.Throws<OptionsValidationException>(() => services.AddSuanwangServer(new ServerOptions { Dispatch = new DispatchOptions { QueuePolicy = "lottery" } }, data.Store));

        Assert.Contains("lottery", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSuanwangServer_RegistersEachStoreInterface_AsTheOneStore()
    {
        await using var data = await TestStore.OpenAsync();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddSuanwangServer(TestServer.Options(new ManualTimeProvider(TestServer.Start)), data.Store);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        Type[] features =
        [
            typeof(Storage.Jobs.IJobStore), typeof(Storage.Logs.ILogStore), typeof(Storage.Sites.ISiteStore), typeof(Storage.Tenants.ITenantStore),
            typeof(Storage.Market.IOrderStore), typeof(Storage.Market.ILedgerStore), typeof(Storage.Market.IQuoteStore),
            typeof(Storage.Market.IUsageStore), typeof(Storage.Market.IBlockStore),
        ];

        Assert.All(features, feature => Assert.Same(data.Store, provider.GetService(feature)));
    }
}
