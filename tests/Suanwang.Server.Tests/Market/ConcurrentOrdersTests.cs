using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Market;

/// <summary>A thousand orders at once against one balance.</summary>
public sealed class ConcurrentOrdersTests : IAsyncLifetime
{
    private const int Orders = 1000;

    private MarketServer _market = null!;

    public async Task InitializeAsync()
    {
        _market = await MarketServer.StartAsync(nodes: 16);
        // A thousand orders at once are over a tenant's default burst: this test is about the balance, not the rate limit.
        var limits = await _market.Admin.PutAsync(
            "/api/v1/tenants/acme/limits",
            new StringContent("""{"requests_per_second": 10000, "burst": 10000}""", System.Text.Encoding.UTF8, "application/json"));
        limits.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Fact]
    public async Task ThousandConcurrentOrders_NeverOverdrawTheBalance_AndChargesEqualMeteredUsage()
    {
        // Each order holds 2 cards x 10 CNY x 30 min = 10.00: the 505.00 covers exactly 50 of them.
        (await _market.TopUpAsync("acme", "505.00")).EnsureSuccessStatusCode();
        var spec = MarketServer.Job(timeLimit: "30m", runtime: "20m");
        var accepted = new ConcurrentBag<OrderView>();
        var refused = 0;
        var negative = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var balance = await _market.BalanceAsync();
                if (balance.Available.StartsWith('-') || balance.Reserved.StartsWith('-'))
                {
                    Interlocked.Increment(ref negative);
                }
            }
        });

        await Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            var response = await MarketServer.OrderAsync(_market.Acme, spec.Replace("name: train", $"name: train-{i}", StringComparison.Ordinal), $"order-{i}");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                accepted.Add((await response.Content.ReadFromJsonAsync<OrderView>(ProtocolJson.Options, ct))!);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.PaymentRequired, await response.Content.ReadAsStringAsync(ct));
                Interlocked.Increment(ref refused);
            }
        });
        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(0, negative);
        Assert.Equal(50, accepted.Count);
        Assert.Equal(Orders - 50, refused);
        var held = await _market.BalanceAsync();
        Assert.Equal(("5.00", "500.00"), (held.Available, held.Reserved));

        // Run every job for a different time, as its agent would report it, then settle.
        var seconds = new Dictionary<long, double>();
        var n = 0;
        foreach (var order in accepted)
        {
            var run = 60 + (37 * n++ % 1740);
            seconds[order.Job!.Value] = run;
            await _market.RunJobAsync(order.Job.Value, run);
        }

        await _market.SettleAsync();

        // Charges equal the metered usage at the price in force (10 CNY per card-hour), rounded per run.
        long expected = 0;
        long charged = 0;
        foreach (var order in accepted)
        {
            var settled = (await _market.Acme.GetFromJsonAsync<OrderView>($"/api/v1/orders/{order.Id}", ProtocolJson.Options))!;
            Assert.Equal("settled", settled.State);
            var cardHours = 2 * seconds[order.Job!.Value] / 3600.0;
            var usage = Assert.Single(await _market.Server.Store.ListUsageAsync(order.Job.Value, CancellationToken.None));
            Assert.Equal(2 * seconds[order.Job.Value], usage.AcceleratorSeconds, 6);
            expected += MinorUnits.Round((decimal)cardHours * 10m, "CNY");
            charged += MinorUnits.FromDecimal(decimal.Parse(settled.Charged!, System.Globalization.CultureInfo.InvariantCulture), "CNY");
        }

        Assert.Equal(expected, charged);
        var final = await _market.BalanceAsync();
        Assert.Equal(MinorUnits.Format(50_500 - charged, "CNY"), final.Available);
        Assert.Equal("0.00", final.Reserved);
        var check = await _market.VerifyAsync();
        Assert.True(check.Balanced, string.Join("; ", check.Problems));
        Assert.All(await _market.Server.Store.ListJobsAsync(new JobQuery("acme", null, null, null, 1000), CancellationToken.None), j => Assert.Equal(JobState.Succeeded, j.State));
    }
}
