using System.Diagnostics;
using System.Globalization;
using System.Net;
using Suanwang.Storage;
using Suanwang.Testing;
using Xunit.Abstractions;

namespace Suanwang.EndToEnd.Tests.Support.Chaos;

/// <summary>
/// Rounds of: start <c>suanwang up</c> on the same data folder (or database), retry with the same
/// key what the last kill left unanswered, run the mixed load, SIGKILL the server at a random
/// moment, and check the database with the store classes. A last start lets every job end and
/// every order settle before the last checks.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ChaosRun
{
    /// <summary>Set to a seed to replay a run.</summary>
    public const string SeedVariable = "SUANWANG_CHAOS_SEED";

    private const int Slots = 16;

    private readonly string _data;
    private readonly string _markers;
    private readonly string? _connectionString;
    private readonly string[] _up;
    private readonly ITestOutputHelper _output;
    private readonly ChaosBook _book = new();
    private readonly List<string> _problems = [];
    private ChaosFindings? _last;

    public ChaosRun(string folder, string? connectionString, ITestOutputHelper output)
    {
        _data = Path.Combine(folder, "data");
        _markers = Path.Combine(folder, "runs");
        // Jobs run sandboxed as the admin tenant's user: the marker folder must be open to it, and
        // their working folders lie under the test's folder so /tmp stays shared with them.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(_markers, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit);
        File.SetUnixFileMode(_markers, File.GetUnixFileMode(_markers) | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit);
        _connectionString = connectionString;
        var jobs = Path.Combine(folder, "jobs");
        _up = connectionString is null ? ["--price", "36", "--jobs", jobs] : ["--price", "36", "--jobs", jobs, "--db", connectionString];
        _output = output;
    }

    /// <summary>The seed from <see cref="SeedVariable"/>, or a new one.</summary>
    public static int Seed() =>
        Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : Random.Shared.Next();

    /// <summary>Runs <paramref name="rounds"/> killed rounds and the last one; fails naming the seed and round of the first broken promise.</summary>
    public async Task RunAsync(int seed, int rounds)
    {
        _output.WriteLine($"chaos seed {seed} ({SeedVariable}={seed} replays the same plan)");
        var random = new Random(seed);
        for (var round = 1; round <= rounds; round++)
        {
            var killAfter = TimeSpan.FromMilliseconds(random.Next(300, 2000));
            var clock = Stopwatch.StartNew();
            using (var server = await UpProcess.StartAsync(_data, Slots, _up))
            {
                _output.WriteLine($"round {round}: up in {clock.Elapsed.TotalSeconds:0.0} s");
                using var client = new ChaosClient(server.Url, server.Key);
                await RetryUnansweredAsync(client, round);
                var load = ChaosLoad.RunAsync(_book, client, _markers, round, new Random(random.Next()));
                // The kill comes at a random moment of the load: that moment is the point of the test.
                await Task.WhenAny(load, Task.Delay(killAfter));
                await server.KillAsync();
                await Eventually.EventAsync(load, "the load to see the server gone", seconds: 60);
            }

            await CheckAsync($"round {round} (killed after {killAfter.TotalMilliseconds:0} ms)", final: false, seed);
        }

        var last = Stopwatch.StartNew();
        using (var server = await UpProcess.StartAsync(_data, Slots, _up))
        {
            _output.WriteLine($"last start: up in {last.Elapsed.TotalSeconds:0.0} s");
            using var client = new ChaosClient(server.Url, server.Key);
            await RetryUnansweredAsync(client, rounds + 1);
            using var api = new Api(server.Url, server.Key);
            await Eventually.TrueAsync(
                async () => (await api.OrdersAsync()).All(o => o.State == "settled") && await AllEndedAsync(api),
                "every acknowledged job to end and every order to settle",
                seconds: 90);
            _output.WriteLine($"last start: every job ended and every order settled after {last.Elapsed.TotalSeconds:0.0} s");
            await CheckLogsAsync(api);
            await server.KillAsync();
        }

        await CheckAsync("the end", final: true, seed);
    }

    // What the last kill left unanswered is sent again with the same key: one effect each, and a
    // request the store already held is answered as a replay of it.
    private async Task RetryUnansweredAsync(ChaosClient client, int round)
    {
        if (round == 1)
        {
            var first = await client.PostAsync("/api/v1/tenants/admin/topups", ChaosLoad.TopUpBody("topup-initial", "100.00"), "application/json", "topup-initial");
            Assert.True(first is { Status: HttpStatusCode.Created }, $"the first top-up answered {first?.Status}: {first?.Body}");
            _book.TopUps["topup-initial"] = ChaosLoad.Read<Protocol.Market.TopUpResult>(first!).Posting;
        }

        foreach (var (key, request) in _book.UnansweredOrders.ToArray())
        {
            _book.UnansweredOrders.TryRemove(key, out _);
            var answer = await client.PostAsync("/api/v1/orders", request.Body, request.MediaType, key);
            Assert.True(answer is not null, $"order {key} got no answer from a running server");
            var stored = _last?.UnansweredOrders.GetValueOrDefault(key);
            if (stored is not null && (answer.Status != HttpStatusCode.OK || ChaosLoad.Read<Protocol.Market.OrderView>(answer).Id != stored))
            {
                _problems.Add($"round {round}: order {key}, stored as {stored} before the retry, was answered {(int)answer.Status} by the retry: {answer.Body}");
            }
            else if (stored is null && answer.Status == HttpStatusCode.OK)
            {
                _problems.Add($"round {round}: order {key}, not stored before the retry, was answered as a replay: {answer.Body}");
            }

            ChaosLoad.Note(_book, key, request, answer);
        }

        foreach (var key in _book.UnansweredTopUps.Keys.ToArray())
        {
            _book.UnansweredTopUps.TryRemove(key, out _);
            var answer = await client.PostAsync("/api/v1/tenants/admin/topups", ChaosLoad.TopUpBody(key, "0.50"), "application/json", key);
            Assert.True(answer is not null, $"top-up {key} got no answer from a running server");
            var stored = _last?.UnansweredTopUps.Contains(key) == true;
            if (answer.Status != (stored ? HttpStatusCode.OK : HttpStatusCode.Created))
            {
                _problems.Add($"round {round}: top-up {key}, {(stored ? "" : "not ")}in the ledger before the retry, was answered {(int)answer.Status}: {answer.Body}");
            }
            else
            {
                _book.TopUps[key] = ChaosLoad.Read<Protocol.Market.TopUpResult>(answer).Posting;
            }
        }
    }

    private async Task<bool> AllEndedAsync(Api api)
    {
        string[] final = ["succeeded", "failed", "cancelled"];
        foreach (var id in _book.Jobs.Keys)
        {
            if (await api.FindJobAsync(id) is not { } job || !final.Contains(job.State))
            {
                return false;
            }
        }

        return true;
    }

    // Each succeeded job's output holds its line once, and what the followers streamed is where
    // the output begins.
    private async Task CheckLogsAsync(Api api)
    {
        foreach (var id in _book.Jobs.Keys.Order())
        {
            var job = await api.JobAsync(id);
            var log = await api.LogsAsync(id);
            var printed = log.Split('\n').Count(l => l == ChaosSpecs.Output(id));
            if (job.State == "succeeded" && printed != 1)
            {
                _problems.Add($"job {id} succeeded and its output holds its line {printed} times: '{log}'");
            }

            if (_book.Streamed.TryGetValue(id, out var streamed) && !log.StartsWith(streamed, StringComparison.Ordinal))
            {
                _problems.Add($"job {id}: the output followed was '{streamed}' and the whole output is '{log}'");
            }
        }
    }

    private async Task CheckAsync(string when, bool final, int seed)
    {
        var store = StoreFactory.Open(_connectionString, _data);
        await using (store)
        {
            _last = await ChaosChecks.AfterKillAsync(store, _book, _markers, final);
        }

        _output.WriteLine($"{when}: {_last.Summary}");
        _problems.AddRange(_last.Problems.Select(p => $"{when}: {p}"));
        _problems.AddRange(_book.Unexpected.Select(u => $"{when}: {u}"));
        _book.Unexpected.Clear();
        Assert.True(_problems.Count == 0, $"chaos seed {seed} ({SeedVariable}={seed} replays it), {when}:\n{string.Join("\n", _problems)}");
    }
}
