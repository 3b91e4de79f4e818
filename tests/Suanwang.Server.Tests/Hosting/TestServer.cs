using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Jobs;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Hosting;
using Suanwang.Storage;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Hosting;

/// <summary>A real server on a free loopback port over a store (a <see cref="TestStore"/> of its own unless given) and a manual clock, with an admin client.</summary>
public sealed class TestServer : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TestStore? _ownStore;

    private TestServer(RunningServer server, IStore store, ManualTimeProvider time, string adminKey, TestStore? ownStore)
    {
        _ownStore = ownStore;
        Server = server;
        Store = store;
        Time = time;
        AdminKey = adminKey;
        Admin = Client(adminKey);
    }

    public RunningServer Server { get; }

    public IStore Store { get; }

    public ManualTimeProvider Time { get; }

    public string AdminKey { get; }

    public HttpClient Admin { get; }

    public static async Task<TestServer> StartAsync(IStore? store = null, ManualTimeProvider? time = null, string? adminKey = null, long maxBody = 1024 * 1024, long? maxJobLog = null, Action<GatewayOptions>? gateway = null)
    {
        var ownStore = store is null ? await TestStore.OpenAsync() : null;
        store ??= ownStore!.Store;
        time ??= new ManualTimeProvider(Start);
        var options = Options(time, maxBody);
        if (maxJobLog is long cap)
        {
            options.AgentLink.MaxJobLogBytes = cap;
        }

        gateway?.Invoke(options.Gateway);

        var server = await SuanwangServer.StartAsync(options, store);
        return new TestServer(server, store, time, adminKey ?? server.AdminKey!, ownStore);
    }

    public static ServerOptions Options(TimeProvider time, long maxBody = 1024 * 1024) => new()
    {
        Urls = "http://127.0.0.1:0",
        Time = time,
        LogLevel = Environment.GetEnvironmentVariable("SUANWANG_TEST_LOG") is null ? LogLevel.None : LogLevel.Debug,
        MaxRequestBodyBytes = maxBody,
        Market = new MarketOptions { ExchangeRates = new Dictionary<string, decimal> { ["USD"] = 7.1m } },
    };

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Server.Url };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a tenant and returns a client with a new key for it.</summary>
    public async Task<HttpClient> TenantAsync(string tenant)
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant(tenant), ProtocolJson.Options);
        created.EnsureSuccessStatusCode();
        var issued = await Admin.PostAsync($"/api/v1/tenants/{tenant}/keys", null);
        issued.EnsureSuccessStatusCode();
        var key = await issued.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options);
        return Client(key!.Key);
    }

    public async Task<AgentRegistered> RegisterAsync(string siteYaml, string backend = "local")
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/agents/register", new AgentRegistration(siteYaml, backend, "test-host"), ProtocolJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AgentRegistered>(ProtocolJson.Options))!;
    }

    public Task<HttpResponseMessage> HeartbeatAsync(string site, long epoch, params RunningJob[] running) =>
        Admin.PostAsJsonAsync($"/api/v1/agents/{site}/heartbeat", new Heartbeat(epoch, running), ProtocolJson.Options);

    public async Task<HeartbeatReply> HeartbeatOkAsync(string site, long epoch, params RunningJob[] running)
    {
        var response = await HeartbeatAsync(site, epoch, running);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<HeartbeatReply>(ProtocolJson.Options))!;
    }

    public async Task<ReportReply> ReportAsync(string site, long epoch, params RunReport[] reports)
    {
        var response = await Admin.PostAsJsonAsync($"/api/v1/agents/{site}/reports", new ReportBatch(epoch, reports), ProtocolJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ReportReply>(ProtocolJson.Options))!;
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string spec, string contentType = "application/yaml") =>
        client.PostAsync("/api/v1/jobs", new StringContent(spec, Encoding.UTF8, contentType));

    public static async Task<long> SubmitOkAsync(HttpClient client, string spec, string contentType = "application/yaml")
    {
        var response = await SubmitAsync(client, spec, contentType);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SubmitResult>(ProtocolJson.Options))!.Id;
    }

    public static async Task<JobView> GetJobAsync(HttpClient client, long id) =>
        (await client.GetFromJsonAsync<JobView>($"/api/v1/jobs/{id}", ProtocolJson.Options))!;

    /// <summary>Waits until the job's stored state satisfies <paramref name="done"/>; the scheduler loop works in the background.</summary>
    public async Task<Storage.Jobs.JobRecord> WaitForJobAsync(long id, Func<Storage.Jobs.JobRecord, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var job = await Store.GetJobAsync(id, CancellationToken.None);
            if (job is not null && done(job))
            {
                return job;
            }

            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>Waits until the job's stored history satisfies <paramref name="done"/>: an event may follow the state change it reports by a moment.</summary>
    public async Task<IReadOnlyList<Storage.Jobs.JobEvent>> WaitForEventsAsync(long id, Func<IReadOnlyList<Storage.Jobs.JobEvent>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var events = await Store.ListEventsAsync(id, CancellationToken.None);
            if (done(events))
            {
                return events;
            }

            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>
    /// Advances the clock a step at a time until <paramref name="condition"/> holds: a background
    /// loop re-arms its timer only after it has run, so one big step could pass its next deadline.
    /// </summary>
    public async Task AdvanceUntilAsync(Func<Task<bool>> condition, TimeSpan step, int maxSteps)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (await condition())
            {
                return;
            }

            Time.Advance(step);
            await Task.Delay(20);
        }

        Assert.True(await condition(), $"the condition did not hold within {maxSteps} steps of {step}");
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
        if (_ownStore is not null)
        {
            await _ownStore.DisposeAsync();
        }
    }
}
