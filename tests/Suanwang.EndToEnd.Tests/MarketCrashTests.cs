using System.Collections.Concurrent;
using System.Globalization;
using Suanwang.Core.Market;
using Suanwang.EndToEnd.Tests.Support;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Tests;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests;

/// <summary>
/// <c>suanwang up</c> killed with SIGKILL in the middle of a thousand concurrent orders against one
/// balance (which covers only some of them), then started again on its data folder.
/// </summary>
public sealed class MarketCrashTests : IDisposable
{
    private const int Orders = 1000;
    private const int Loops = 32;
    private const int KillAfter = 150;
    private const int Slots = 16;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public Task KilledServer_KeepsTheLedgerBalanced_LosesNoOrder_AndChargesNoneTwice() => RunAsync();

    /// <summary>The same over PostgreSQL: the orders, reserves and settlements are its statements.</summary>
    [Fact]
    public async Task KilledServerOnPostgres_KeepsTheLedgerBalanced_LosesNoOrder_AndChargesNoneTwice()
    {
        var databases = new PostgresDatabases();
        await databases.InitializeAsync();
        try
        {
            await RunAsync("--db", databases.ConnectionString);
        }
        finally
        {
            await databases.DisposeAsync();
        }
    }

    private async Task RunAsync(params string[] store)
    {
        var data = _folder.Combine("data");
        string[] up = ["--price", "36", .. store];
        // Each order holds 1 CPU-core slot at 36 CNY per hour for its 10 s time limit: 0.10 CNY.
        const string Spec = """
            name: tick
            tenant: admin
            run: 'true'
            resources:
              accelerators: [CPU-core]
              cards: 1
            estimated_runtime: 1s
            time_limit: 10s
            """;
        var acknowledged = new ConcurrentDictionary<string, string>();
        var unanswered = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        var begin = DateTimeOffset.UtcNow.AddMinutes(-1);
        var enoughAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var next = 0;
        async Task OrderLoopAsync(Api api)
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= Orders)
            {
                var key = $"order-{i}";
                try
                {
                    if (await api.OrderAsync(Spec, key) is { } order)
                    {
                        acknowledged[key] = order.Id;
                    }
                    else
                    {
                        refused.Add(key);
                    }

                    if (acknowledged.Count + refused.Count >= KillAfter)
                    {
                        enoughAnswered.TrySetResult();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    unanswered.Add(key); // The server died with this order in flight.
                    return;
                }
            }
        }

        using (var first = await UpProcess.StartAsync(data, Slots, up))
        {
            using var api = new Api(first.Url, first.Key, TimeSpan.FromSeconds(10));
            // Enough for 400 orders at once; settlements give back what runs did not use.
            await api.TopUpAsync("admin", "40.00");
            var loops = Enumerable.Range(0, Loops).Select(_ => Task.Run(() => OrderLoopAsync(api))).ToArray();
            await Eventually.EventAsync(
                Task.WhenAny(enoughAnswered.Task, Task.WhenAll(loops)),
                $"{KillAfter} orders are answered",
                seconds: 60);
            await first.KillAsync();
            await Task.WhenAll(loops);
        }

        Assert.NotEmpty(acknowledged);
        Assert.True(acknowledged.Count + refused.Count < Orders, "the server was killed only after every order was answered");
        using var second = await UpProcess.StartAsync(data, Slots, up);
        using var restarted = new Api(second.Url, second.Key);

        // A client retries what it never heard back about, with the same key: at most one order each.
        foreach (var key in unanswered)
        {
            if (await restarted.OrderAsync(Spec, key) is { } order)
            {
                acknowledged[key] = order.Id;
            }
            else
            {
                refused.Add(key);
            }
        }

        // The rest of the thousand, as concurrently, against the restarted server.
        await Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => Task.Run(() => OrderLoopAsync(restarted))));
        Assert.Equal(Orders, acknowledged.Count + refused.Count);

        IReadOnlyList<OrderView> orders = [];
        await Eventually.TrueAsync(
            async () =>
            {
                orders = await restarted.OrdersAsync();
                return acknowledged.Values.All(id => orders.Any(o => o.Id == id && o.State == "settled"));
            },
            "every acknowledged order is settled",
            seconds: 180);

        // No order is lost, none made twice for one key, and every posting balances.
        Assert.Equal(acknowledged.Count, acknowledged.Values.Distinct().Count());
        Assert.Equal(acknowledged.Count, orders.Count);
        var check = await restarted.VerifyAsync();
        Assert.True(check.Balanced, string.Join("; ", check.Problems));
        // One top-up, then per order one reserve and one settlement: a second settlement would show here.
        Assert.Equal(1 + (2 * orders.Count), check.Postings);

        // Money adds up: what was paid in is what is left plus what was charged, and the charges
        // equal the metered runs on the statement.
        long charged = 0;
        foreach (var order in orders)
        {
            var amount = MinorUnits.FromDecimal(decimal.Parse(order.Charged!, CultureInfo.InvariantCulture), "CNY");
            Assert.True(amount <= MinorUnits.FromDecimal(decimal.Parse(order.Reserved, CultureInfo.InvariantCulture), "CNY"), $"order {order.Id} charged more than it held");
            charged += amount;
        }

        var balance = await restarted.BalanceAsync("admin");
        Assert.Equal("0.00", balance.Reserved);
        Assert.Equal(4_000 - charged, MinorUnits.FromDecimal(decimal.Parse(balance.Available, CultureInfo.InvariantCulture), "CNY"));
        var statement = await restarted.StatementAsync("admin", begin, DateTimeOffset.UtcNow.AddMinutes(1));
        var metered = statement.Usage.Sum(u => MinorUnits.FromDecimal(decimal.Parse(u.Charge!, CultureInfo.InvariantCulture), "CNY"));
        Assert.Equal(charged, metered);
        Assert.True(charged > 0, "some runs were charged");
    }
}
