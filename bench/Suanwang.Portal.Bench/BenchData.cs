using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Tokens;

namespace Suanwang.Portal.Bench;

/// <summary>
/// The bench network: sites, and one tenant whose jobs were all ordered from its wallet, placed,
/// run and charged, so its statement, wallet and the providers' statements have every row; its
/// token usage over the month; one job with a long log.
/// </summary>
internal sealed class BenchData(IStore store, HttpClient admin, Uri url)
{
    /// <summary>The tenant whose pages are measured.</summary>
    public const string Tenant = "bench";

    /// <summary>The owner of the provider statement measured.</summary>
    public const string Provider = "Bench Provider 3";

    private static readonly string[] s_countries = ["CN", "KZ", "SG", "DE", "US"];
    private static readonly string[] s_models = ["qwen-72b", "deepseek-v3", "glm-4", "llama-70b"];
    private int _logging;
    private int _charged;
    private DateTimeOffset _nextProgress;

    /// <summary>The tenant's API key.</summary>
    public string TenantKey { get; private set; } = "";

    /// <summary>A job of the tenant with a long log.</summary>
    public long LoggedJob { get; private set; }

    /// <summary>Bytes of that log.</summary>
    public long LogBytes { get; private set; }

    /// <summary>Jobs charged.</summary>
    public int Charged { get; private set; }

    /// <summary>The id of site <paramref name="i"/>.</summary>
    public static string SiteId(int i) => "bench-" + i.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>What a later run needs of a seeded store: the admin's and the tenant's keys, the logged job, the counts.</summary>
    public string Save(string adminKey) =>
        JsonSerializer.Serialize(new Seeded(adminKey, TenantKey, LoggedJob, LogBytes, Charged));

    /// <summary>Reads what <see cref="Save"/> wrote; returns the admin's key.</summary>
    public string Load(string json)
    {
        var seeded = JsonSerializer.Deserialize<Seeded>(json) ?? throw new InvalidDataException("an empty seeded.json");
        (TenantKey, LoggedJob, LogBytes, Charged) = (seeded.TenantKey, seeded.LoggedJob, seeded.LogBytes, seeded.Charged);
        return seeded.AdminKey;
    }

    /// <summary>Registers the sites, orders the jobs, runs and settles them, records token usage.</summary>
    public async Task SeedAsync(IServiceProvider services, int sites, int jobs, int tokenRecords)
    {
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < sites; i++)
        {
            await store.RegisterSiteAsync(SiteId(i), SiteYaml(i), "local", at, CancellationToken.None);
        }

        (await admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant(Tenant), ProtocolJson.Options)).EnsureSuccessStatusCode();
        // All of its orders are open at once while the seeding runs them.
        (await admin.PutAsJsonAsync($"/api/v1/tenants/{Tenant}/limits", new TenantLimitsView(MaxOpenOrders: jobs + 100, MaxQueuedJobs: jobs + 100), ProtocolJson.Options)).EnsureSuccessStatusCode();
        using var issued = await admin.PostAsync(new Uri($"/api/v1/tenants/{Tenant}/keys", UriKind.Relative), null);
        issued.EnsureSuccessStatusCode();
        var key = (await issued.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!;
        TenantKey = key.Key;

        // Enough for every order's hold, in many top-ups: the wallet has movements of every kind.
        var topUps = Math.Max(10, jobs * 30 / 10_000);
        for (var i = 0; i < topUps; i++)
        {
            (await admin.PostAsJsonAsync($"/api/v1/tenants/{Tenant}/topups", new NewTopUp("10000.00", "CNY"), ProtocolJson.Options)).EnsureSuccessStatusCode();
        }

        using var tenant = new HttpClient { BaseAddress = url };
        tenant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TenantKey);
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = new StringContent(JobYaml(i), Encoding.UTF8, "application/yaml") };
            request.Headers.Add("Idempotency-Key", "bench-order-" + i.ToString(CultureInfo.InvariantCulture));
            using var response = await tenant.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"order {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });

        await RunAllAsync(jobs);
        var settler = services.GetRequiredService<Settler>();
        while (await settler.SettleReadyAsync(CancellationToken.None) > 0)
        {
        }

        await RecordTokensAsync(key.Id, tokenRecords);
    }

    /// <summary>Runs every placed job of the tenant as its agent would report it, until none waits.</summary>
    private async Task RunAllAsync(int jobs)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(15);
        while (Charged < jobs)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{Charged} of {jobs} jobs ran in 15 minutes");
            }

            var placed = await store.ListJobsAsync(new JobQuery(Tenant, JobState.Placed, Limit: 1000), CancellationToken.None);
            if (DateTimeOffset.UtcNow > _nextProgress)
            {
                _nextProgress = DateTimeOffset.UtcNow.AddSeconds(15);
                var waiting = await store.ListJobsAsync(new JobQuery(Tenant, JobState.Queued, Limit: 1000), CancellationToken.None);
                Console.WriteLine($"{Charged} of {jobs} jobs ran; {placed.Count} placed and {waiting.Count} queued of the next 1,000");
            }

            if (placed.Count == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                continue;
            }

            await Parallel.ForEachAsync(placed, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (job, cancellationToken) =>
            {
                var now = DateTimeOffset.UtcNow;
                if (!await store.MarkRunningAsync(job.Id, job.Fence, now, cancellationToken))
                {
                    return;
                }

                if (LoggedJob == 0 && Interlocked.CompareExchange(ref _logging, 1, 0) == 0)
                {
                    await WriteLogAsync(job.Id, job.Fence, cancellationToken);
                }

                var seconds = 600 + (job.Id % 50) * 60;
                if (await store.FinishAsync(job.Id, job.Fence, JobState.Succeeded, 0, seconds, null, now.AddSeconds(1), cancellationToken))
                {
                    Interlocked.Increment(ref _charged);
                    Charged = _charged;
                }
            });
        }
    }

    private async Task WriteLogAsync(long job, long fence, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        long offset = 0;
        for (var chunk = 0; chunk < 64; chunk++)
        {
            line.Clear();
            for (var i = 0; i < 512; i++)
            {
                line.Append(CultureInfo.InvariantCulture, $"step {chunk * 512 + i,6}: loss 0.{(chunk * 512 + i) % 9973:D4} lr 3e-4 tokens/s 12345\n");
            }

            var text = line.ToString();
            await store.AppendLogAsync(job, fence, offset, text, cancellationToken);
            offset += Encoding.UTF8.GetByteCount(text);
        }

        LogBytes = offset;
        LoggedJob = job;
    }

    private async Task RecordTokensAsync(string keyId, int records)
    {
        var monthStart = new DateTimeOffset(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var span = DateTimeOffset.UtcNow - monthStart;
        await Parallel.ForEachAsync(Enumerable.Range(0, records), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            var at = monthStart + span * (i / (double)records);
            var site = SiteId(i % 50);
            var record = new TokenUsageRecord(at, Tenant, keyId, s_models[i % s_models.Length], site, "Bench Provider " + (i % 50 % 37).ToString(CultureInfo.InvariantCulture),
                1000 + i % 700, i % 100, 300 + i % 500, 120, 900, "ok", "CNY", 1_000_000 + i % 777_777)
            { RecordId = i.ToString("x32", CultureInfo.InvariantCulture) };
            await store.RecordTokenUsageAsync(record, cancellationToken);
        });
    }

    private sealed record Seeded(string AdminKey, string TenantKey, long LoggedJob, long LogBytes, int Charged);

    private static string JobYaml(int i) => $"""
        name: bench-job-{i}
        run: echo bench
        resources: {"{"} accelerators: [H100-SXM], cards: 1 {"}"}
        estimated_runtime: 30m
        time_limit: 1h
        """;

    private static string SiteYaml(int i) => $$"""
        id: {{SiteId(i)}}
        owner: Bench Provider {{i % 37}}
        jurisdiction: {{s_countries[i % s_countries.Length]}}
        tier: {{(i % 3 == 0 ? "core" : i % 3 == 1 ? "hub" : "edge")}}
        carbon: {{100 + (i % 500)}}
        pools:
          - { model: H100-SXM, cards_per_node: 8, nodes: 2, price: {{(10 + i % 17).ToString(CultureInfo.InvariantCulture)}} }
          - { model: CPU-core, cards_per_node: 2, nodes: 1, price: 0.1 }
        """;
}
