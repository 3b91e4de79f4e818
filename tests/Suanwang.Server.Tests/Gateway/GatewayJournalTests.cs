using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Storage.Tokens;

namespace Suanwang.Server.Tests.Gateway;

/// <summary>The gateway's usage journal seen from outside: streams journal what they deliver, a writer behind bounds the gateway, /metrics needs a key.</summary>
public sealed class GatewayJournalTests : IAsyncLifetime
{
    private const string MetricsToken = "scraper-token-0123456789";
    private GatewayServer _gateway = null!;
    private FakeUpstream _upstream = null!;

    public Task InitializeAsync() => StartAsync(_ => { });

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private async Task StartAsync(Action<GatewayOptions> configure)
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
            await _upstream.DisposeAsync();
        }

        _gateway = await GatewayServer.StartAsync(o =>
        {
            o.MetricsToken = MetricsToken;
            configure(o);
        });
        _upstream = await FakeUpstream.StartAsync();
        await _gateway.AddSiteAsync("cn-a", "CN", _upstream);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

    private List<(TokenUsageRecord Record, JournalKind Kind)> JournalRecords()
    {
        var folder = _gateway.Server.Server.Services.GetRequiredService<UsageJournal>().Folder;
        var records = new List<(TokenUsageRecord, JournalKind)>();
        foreach (var path in Directory.GetFiles(folder, "usage-*.journal").Order(StringComparer.Ordinal))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            ReadOnlySpan<byte> bytes = copy.ToArray();
            while (UsageJournalCodec.TryDecode(bytes, out var record, out var kind, out var consumed))
            {
                records.Add((record, kind));
                bytes = bytes[consumed..];
            }
        }

        return records;
    }

    [Fact]
    public async Task AStream_JournalsWhatItHasDeliveredAsItGoes_AndEndsAsOneRecordInTheStore()
    {
        await StartAsync(o => o.StreamProgressInterval = TimeSpan.Zero);
        var key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "10.00");
        using var gate = new SemaphoreSlim(0);
        _upstream.Gate = gate;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(GatewayServer.Chat(maxTokens: 6, stream: true)) };

        using var response = await _gateway.Gateway(key).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var chunks = 0;
        while (chunks < 3 && await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                chunks++;
                if (chunks < 3)
                {
                    gate.Release();
                }
            }
        }

        // The gateway writes a chunk to the client before it journals it: the third may be a moment behind.
        var progress = await Testing.Eventually.ResultAsync(
            () => Task.FromResult<TokenUsageRecord?>(JournalRecords().LastOrDefault(r => r.Kind == JournalKind.Progress && r.Record.CompletionTokens == 3).Record),
            "a progress record of three tokens in the journal");
        Assert.Equal("cut", progress.Outcome);
        gate.Release(10);
        await reader.ReadToEndAsync();

        var usage = Assert.Single(await _gateway.UsageAsync("acme"));
        Assert.Equal(("ok", 6L, progress.RecordId), (usage.Outcome, usage.CompletionTokens, usage.RecordId));
    }

    [Fact]
    public async Task AWriterTooFarBehind_Gets503_AndHoldsNothing()
    {
        await StartAsync(o => o.MaxJournalBacklog = 0);
        var key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "10.00");

        var refused = await _gateway.Gateway(key).PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("usage_backlog", (await ErrorAsync(refused)).GetProperty("code").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(0, _upstream.Requests);
        Assert.Empty(await _gateway.UsageAsync("acme"));
    }

    [Fact]
    public async Task Metrics_AnswerAnAdminKeyOrTheMetricsToken_AndNoOneElse()
    {
        var tenantKey = await _gateway.KeyAsync("acme");

        using var anonymous = new HttpClient { BaseAddress = _gateway.Server.Server.Url };
        var none = await anonymous.GetAsync("/metrics");
        var tenant = await _gateway.Gateway(tenantKey).GetAsync("/metrics");
        var wrongToken = await _gateway.Gateway(MetricsToken + "x").GetAsync("/metrics");
        var scraper = await _gateway.Gateway(MetricsToken).GetAsync("/metrics");
        var admin = await _gateway.Admin.GetAsync("/metrics");

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { none.StatusCode, tenant.StatusCode, wrongToken.StatusCode, scraper.StatusCode, admin.StatusCode });
        Assert.Equal("metrics_forbidden", (await ErrorAsync(tenant)).GetProperty("code").GetString());
        Assert.Contains("suanwang_gateway_requests_total", await scraper.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
