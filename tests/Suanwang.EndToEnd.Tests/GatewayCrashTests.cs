using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Suanwang.Core.Market;
using Suanwang.EndToEnd.Tests.Support;
using Suanwang.Storage.Sqlite;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests;

/// <summary>
/// <c>suanwang up</c> relaying to a fake model server, killed with SIGKILL at a random moment under
/// concurrent token requests, then started again on its data folder: the usage journal it left is
/// replayed, so every answer a client received is billed exactly once.
/// </summary>
public sealed class GatewayCrashTests : IAsyncDisposable
{
    private const int Loops = 16;
    private readonly TempFolder _folder = new();
    private WebApplication? _upstream;

    public async ValueTask DisposeAsync()
    {
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }

        _folder.Dispose();
    }

    // A model server that answers at once with max_tokens completion tokens: each request's
    // max_tokens is its own, so its usage record can be told from every other's.
    private async Task<string> StartUpstreamAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _upstream = builder.Build();
        _upstream.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "fake", @object = "model" } } }));
        _upstream.MapPost("/v1/chat/completions", async context =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var tokens = body.RootElement.GetProperty("max_tokens").GetInt32();
            await context.Response.WriteAsJsonAsync(new
            {
                id = $"chatcmpl-{tokens}",
                @object = "chat.completion",
                created = 0,
                model = "fake",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = "ok" }, finish_reason = "length" } },
                usage = new { prompt_tokens = 7, completion_tokens = tokens, total_tokens = 7 + tokens },
            });
        });
        await _upstream.StartAsync();
        return _upstream.Urls.First() + "/v1";
    }

    [Fact]
    public async Task KilledGateway_BillsEveryAnswerItGaveExactlyOnce_AfterTheRestartReplaysItsJournal()
    {
        var data = _folder.Combine("data");
        var upstream = await StartUpstreamAsync();
        string[] up = ["--upstream", $"fake={upstream}", "--token-price", "1000/3000", "--upstream-capacity", "1024", "--upstream-context", "100000"];
        var answered = new ConcurrentDictionary<int, bool>();
        var next = 0;
        var killAfter = Random.Shared.Next(100, 600);
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task LoadAsync(HttpClient gateway)
        {
            while (true)
            {
                var tokens = Interlocked.Increment(ref next);
                var chat = JsonSerializer.Serialize(new { model = "fake", messages = new[] { new { role = "user", content = "hi" } }, max_tokens = tokens });
                try
                {
                    using var response = await gateway.PostAsync("/v1/chat/completions", new StringContent(chat, Encoding.UTF8, "application/json"));
                    var text = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"request {tokens}: {(int)response.StatusCode} {text}");
                    Assert.Contains($"chatcmpl-{tokens}", text, StringComparison.Ordinal);
                    answered[tokens] = true;
                    if (answered.Count >= killAfter)
                    {
                        enough.TrySetResult();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    return; // The gateway died with this request in flight: it may or may not be billed.
                }
            }
        }

        using (var first = await UpProcess.StartAsync(data, 2, up))
        {
            using var admin = Client(first.Url, first.Key);
            var key = await PrepareAsync(admin);
            using var gateway = Client(first.Url, key);
            var loops = Enumerable.Range(0, Loops).Select(_ => Task.Run(() => LoadAsync(gateway))).ToArray();
            await Eventually.EventAsync(Task.WhenAny(enough.Task, Task.WhenAll(loops)), $"{killAfter} answers", seconds: 120);
            await first.KillAsync();
            await Task.WhenAll(loops);
        }

        Assert.True(answered.Count >= killAfter, "the load stopped before the kill");
        using (var second = await UpProcess.StartAsync(data, 2, up))
        {
            // A clean stop commits whatever the restart's replay has not yet.
            await second.StopAsync();
        }

        var store = SqliteStore.InDataFolder(data);
        await using (store)
        {
            await store.BillTokenUsageAsync(0.05m, DateTimeOffset.UtcNow, CancellationToken.None);
            var usage = await store.ListTokenUsageAsync("acme", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
            var byTokens = usage.GroupBy(u => u.CompletionTokens).ToDictionary(g => g.Key, g => g.Count());
            // Every answer received is billed, once; a request in flight at the kill is billed at most once.
            Assert.All(answered.Keys, tokens => Assert.Equal(1, byTokens.GetValueOrDefault(tokens)));
            Assert.All(byTokens, pair => Assert.Equal(1, pair.Value));
            Assert.InRange(usage.Count, answered.Count, answered.Count + Loops);
            Assert.All(usage, u => Assert.Equal((7 * 1_000_000L) + (u.CompletionTokens * 3_000_000L), u.CostNanos));
            var wallet = (await store.GetBalanceAsync(Accounts.Wallet("acme"), "CNY", CancellationToken.None)).Balance;
            var carry = (await store.ListTokenCarriesAsync("acme", CancellationToken.None)).Sum(c => c.Nanos);
            Assert.Equal(usage.Sum(u => u.CostNanos), ((1_000_000_00 - wallet) * 10_000_000) + carry);
            Assert.True((await store.VerifyLedgerAsync(CancellationToken.None)).Balanced);
        }

        Assert.False(Directory.Exists(Path.Combine(data, "usage-journal")) && Directory.EnumerateFiles(Path.Combine(data, "usage-journal"), "usage-*").Any(), "the journal still holds records after a clean stop");
    }

    private static HttpClient Client(Uri server, string key)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    // Tenant acme with 1,000,000 CNY, room in its request rate, and a key; once the model is listed.
    private static async Task<string> PrepareAsync(HttpClient admin)
    {
        (await admin.PostAsJsonAsync("api/v1/tenants", new { id = "acme" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("api/v1/tenants/acme/limits", new { requests_per_second = 1_000_000, burst = 1_000_000, max_queued_jobs = 1000, max_open_orders = 1000, max_priority = 100 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("api/v1/tenants/acme/topups", new { amount = "1000000.00", currency = "CNY", memo = "crash test" })).EnsureSuccessStatusCode();
        using var issued = await admin.PostAsJsonAsync("api/v1/tenants/acme/keys", new { admin = false });
        issued.EnsureSuccessStatusCode();
        var key = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        using var tenant = new HttpClient { BaseAddress = admin.BaseAddress };
        tenant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await Eventually.TrueAsync(async () => (await tenant.GetStringAsync("v1/models")).Contains("\"fake\"", StringComparison.Ordinal), "model fake is listed", seconds: 60);
        await Eventually.TrueAsync(async () => (await admin.GetStringAsync("api/v1/models")).Contains("\"state\":\"up\"", StringComparison.Ordinal), "model fake is up", seconds: 60);
        return key;
    }
}
