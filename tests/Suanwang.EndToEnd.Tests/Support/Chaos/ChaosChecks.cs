using System.Globalization;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.EndToEnd.Tests.Support.Chaos;

/// <summary>
/// What must hold after every kill, read from the database with the store classes while no
/// server runs, so that no cache of the server's can hide a lost write.
/// </summary>
internal static class ChaosChecks
{
    private const string Tenant = "admin";

    /// <summary>
    /// Checks (1) every acknowledged job, order and top-up is stored, each top-up key took effect at
    /// most once, acknowledged cancels and seen successes stand; (2) no job ran twice and every
    /// succeeded job ran exactly once to completion (its marker file); (3) every posting balances;
    /// (4) the tenant's hold equals the reserves of its open orders. When <paramref name="final"/>,
    /// also that every acknowledged job ended, every order is settled, and the money adds up.
    /// </summary>
    public static async Task<ChaosFindings> AfterKillAsync(IStore store, ChaosBook book, string markers, bool final)
    {
        var problems = new List<string>();
        var none = CancellationToken.None;

        // (1) Acknowledged jobs, cancels and successes.
        var jobs = await AllJobsAsync(store);
        foreach (var (id, how) in book.Jobs)
        {
            if (!jobs.TryGetValue(id, out var job))
            {
                problems.Add($"job {id} ({how}) was acknowledged and is not in the store");
            }
            else if (book.Cancelled.ContainsKey(id) && job.State != JobState.Cancelled)
            {
                problems.Add($"job {id} was cancelled (200) and is now {JobStates.Name(job.State)}");
            }
            else if (book.Succeeded.ContainsKey(id) && job.State != JobState.Succeeded)
            {
                problems.Add($"job {id} was seen succeeded and is now {JobStates.Name(job.State)} ({job.Reason})");
            }
            else if (final && !JobStates.IsFinal(job.State))
            {
                problems.Add($"job {id} ({how}) is still {JobStates.Name(job.State)}");
            }
            else if (final && job.State != JobState.Cancelled && job.State != JobState.Succeeded)
            {
                problems.Add($"job {id} ({how}) ended {JobStates.Name(job.State)}: {job.Reason}");
            }
        }

        // Acknowledged orders, and the unanswered ones the store holds.
        var orders = await AllOrdersAsync(store);
        var byKey = orders.ToDictionary(o => o.IdempotencyKey, StringComparer.Ordinal);
        foreach (var (key, id) in book.Orders)
        {
            if (!byKey.TryGetValue(key, out var order) || order.Id != id)
            {
                problems.Add($"order {id} ({key}) was acknowledged and is not in the store");
            }
        }

        var unansweredOrders = book.UnansweredOrders.Keys.Where(byKey.ContainsKey).ToDictionary(k => k, k => byKey[k].Id, StringComparer.Ordinal);

        // Top-ups by key: the key is the memo, so the wallet's lines show each key's effects.
        var wallet = await store.ListLinesAsync(Accounts.Wallet(Tenant), DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), none);
        var topUps = wallet.Where(l => l.Kind == PostingKinds.TopUp).ToList();
        foreach (var twice in topUps.GroupBy(l => l.Memo).Where(g => g.Count() > 1))
        {
            problems.Add($"top-up {twice.Key} took effect {twice.Count()} times (postings {string.Join(", ", twice.Select(l => l.PostingId))})");
        }

        var keys = topUps.Select(l => l.Memo).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, posting) in book.TopUps.Where(p => !keys.Contains(p.Key)))
        {
            problems.Add($"top-up {key} (posting {posting}) was acknowledged and is not in the ledger");
        }

        // (2) Runs, counted by the jobs themselves.
        var runs = Runs(markers);
        foreach (var (id, (starts, dones)) in runs.Where(r => r.Value.Starts > 1))
        {
            problems.Add($"job {id} ran {starts} times ({dones} completed)");
        }

        foreach (var job in jobs.Values.Where(j => j.State == JobState.Succeeded))
        {
            var (starts, dones) = runs.GetValueOrDefault(job.Id);
            if (starts != 1 || dones != 1)
            {
                problems.Add($"job {job.Id} succeeded, and its runs started {starts} and completed {dones} times");
            }
        }

        // (3) Every posting balances.
        var check = await store.VerifyLedgerAsync(none);
        problems.AddRange(check.Problems.Select(p => $"ledger: {p}"));

        // (4) The hold is the open orders' reserves.
        var hold = (await store.GetBalanceAsync(Accounts.Hold(Tenant), "CNY", none)).Balance;
        var open = orders.Where(o => o.State == OrderStates.Open && o.Kind == OrderKinds.Job).ToList();
        if (hold != open.Sum(o => o.Reserved))
        {
            problems.Add($"the hold is {Money(hold)} but the {open.Count} open orders reserve {Money(open.Sum(o => o.Reserved))}");
        }

        if (final)
        {
            problems.AddRange(open.Select(o => $"order {o.Id} is still open"));
            // Money in is money left plus money charged: no top-up or charge counted twice.
            var available = (await store.GetBalanceAsync(Accounts.Wallet(Tenant), "CNY", none)).Balance;
            var charged = orders.Sum(o => o.Charged ?? 0);
            if (topUps.Sum(l => l.Amount) != available + hold + charged)
            {
                problems.Add($"top-ups of {Money(topUps.Sum(l => l.Amount))} do not equal the wallet {Money(available)} plus the hold {Money(hold)} plus charges {Money(charged)}");
            }
        }

        var states = string.Join(", ", jobs.Values.GroupBy(j => JobStates.Name(j.State)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{jobs.Count} jobs ({states}), {runs.Values.Sum(r => r.Starts)} runs; {orders.Count} orders ({open.Count} open); {topUps.Count} top-ups; {check.Postings} postings; hold {Money(hold)}; unanswered: {book.UnansweredOrders.Count} orders ({unansweredOrders.Count} stored), {book.UnansweredTopUps.Count} top-ups");
        return new ChaosFindings(problems, unansweredOrders, book.UnansweredTopUps.Keys.Where(keys.Contains).ToHashSet(StringComparer.Ordinal), summary);
    }

    /// <summary>Per job, the runs its marker file shows started and completed.</summary>
    public static Dictionary<long, (int Starts, int Dones)> Runs(string markers) =>
        Directory.EnumerateFiles(markers).ToDictionary(
            f => long.Parse(Path.GetFileName(f), CultureInfo.InvariantCulture),
            f =>
            {
                var lines = File.ReadAllLines(f);
                return (lines.Count(l => l == "start"), lines.Count(l => l == "done"));
            });

    private static async Task<Dictionary<long, JobRecord>> AllJobsAsync(IStore store)
    {
        var jobs = new Dictionary<long, JobRecord>();
        long? before = null;
        while (true)
        {
            var page = await store.ListJobsAsync(new JobQuery(BeforeId: before, Limit: 1000), CancellationToken.None);
            foreach (var job in page)
            {
                jobs[job.Id] = job;
            }

            if (page.Count < 1000)
            {
                return jobs;
            }

            before = page[^1].Id;
        }
    }

    private static async Task<List<OrderRecord>> AllOrdersAsync(IStore store)
    {
        var orders = new List<OrderRecord>();
        string? before = null;
        while (true)
        {
            var page = await store.ListOrdersAsync(null, 1000, before, CancellationToken.None);
            orders.AddRange(page);
            if (page.Count < 1000)
            {
                return orders;
            }

            before = page[^1].Id;
        }
    }

    private static string Money(long minor) => $"{MinorUnits.Format(minor, "CNY")} CNY";
}
