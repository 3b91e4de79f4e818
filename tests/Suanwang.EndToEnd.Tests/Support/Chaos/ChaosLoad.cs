using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Jobs;
using Suanwang.Protocol.Market;

namespace Suanwang.EndToEnd.Tests.Support.Chaos;

/// <summary>
/// One round's mixed load on a running server, from concurrent workers: two submit jobs and cancel
/// some, one orders (half from quotes), one tops up with an Idempotency-Key, one follows jobs'
/// logs as <c>logs -f</c> does. Each worker ends at the first request that gets no answer: the
/// server was killed.
/// </summary>
internal sealed class ChaosLoad
{
    private static readonly string[] s_final = ["succeeded", "failed", "cancelled"];

    private readonly ChaosBook _book;
    private readonly ChaosClient _client;
    private readonly string _markers;
    private readonly int _round;

    private ChaosLoad(ChaosBook book, ChaosClient client, string markers, int round)
    {
        _book = book;
        _client = client;
        _markers = markers;
        _round = round;
    }

    /// <summary>Runs every worker until the server stops answering; each worker's choices come from <paramref name="random"/>.</summary>
    public static Task RunAsync(ChaosBook book, ChaosClient client, string markers, int round, Random random)
    {
        var load = new ChaosLoad(book, client, markers, round);
        var seeds = Enumerable.Range(0, 5).Select(_ => random.Next()).ToArray();
        return Task.WhenAll(
            Task.Run(() => load.SubmitAsync(new Random(seeds[0]))),
            Task.Run(() => load.SubmitAsync(new Random(seeds[1]))),
            Task.Run(() => load.OrderAsync(new Random(seeds[2]))),
            Task.Run(() => load.TopUpAsync(new Random(seeds[3]))),
            Task.Run(() => load.FollowAsync(new Random(seeds[4]))));
    }

    /// <summary>A top-up's body: the key is also the memo, so the ledger shows each key's effects.</summary>
    public static string TopUpBody(string key, string amount) =>
        JsonSerializer.Serialize(new NewTopUp(amount, "CNY", key), ProtocolJson.Options);

    /// <summary>Sends an order and notes the answer; false when there was none.</summary>
    public static bool Note(ChaosBook book, string key, ChaosOrderRequest request, ChaosAnswer? answer)
    {
        if (answer is null)
        {
            book.UnansweredOrders[key] = request;
            return false;
        }

        if (answer.Succeeded)
        {
            var order = Read<OrderView>(answer);
            book.Orders[key] = order.Id;
            book.Jobs[order.Job!.Value] = $"order {order.Id} ({key})";
        }
        else if (answer.Status is HttpStatusCode.PaymentRequired or HttpStatusCode.Gone)
        {
            book.RefusedOrders[key] = (int)answer.Status;
        }
        else
        {
            book.Unexpect($"order {key}", answer);
        }

        return true;
    }

    /// <summary>The body of an answer as the protocol's JSON.</summary>
    public static T Read<T>(ChaosAnswer answer) => JsonSerializer.Deserialize<T>(answer.Body, ProtocolJson.Options)!;

    private async Task SubmitAsync(Random random)
    {
        while (true)
        {
            var answer = await _client.PostAsync("/api/v1/jobs", ChaosSpecs.Job(_markers, ChaosSpecs.Sleep(random), ordered: false), "application/yaml");
            if (answer is null)
            {
                Interlocked.Increment(ref _book.UnansweredSubmissions);
                return;
            }

            if (answer.Status != HttpStatusCode.Created)
            {
                _book.Unexpect("submit", answer);
                return;
            }

            var id = Read<SubmitResult>(answer).Id;
            _book.Jobs[id] = string.Create(CultureInfo.InvariantCulture, $"submitted in round {_round}");

            // A quarter are cancelled: half at once (queued or placed), half later (running or ended).
            if (random.Next(4) == 0 && !await CancelAsync(random.Next(2) == 0 ? id : Recent(random) ?? id))
            {
                return;
            }

            // Paced so that the queue drains between rounds rather than growing through the test.
            await Task.Delay(random.Next(100, 300));
        }
    }

    private async Task<bool> CancelAsync(long id)
    {
        var answer = await _client.PostAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/jobs/{id}/cancel"), null);
        if (answer is null)
        {
            return false;
        }

        if (answer.Status == HttpStatusCode.OK)
        {
            _book.Cancelled[id] = 0;
        }
        else if (answer.Status != HttpStatusCode.Conflict)
        {
            _book.Unexpect($"cancel of job {id}", answer);
        }

        return true;
    }

    private async Task OrderAsync(Random random)
    {
        for (var n = 0; ; n++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"order-r{_round}-{n}");
            var spec = ChaosSpecs.Job(_markers, ChaosSpecs.Sleep(random), ordered: true);
            var request = new ChaosOrderRequest(spec, "application/yaml");
            if (random.Next(2) == 0)
            {
                var quote = await _client.PostAsync("/api/v1/quotes", spec, "application/yaml");
                if (quote is null)
                {
                    return;
                }

                if (quote.Status != HttpStatusCode.Created)
                {
                    _book.Unexpect("quote", quote);
                    return;
                }

                request = new ChaosOrderRequest(JsonSerializer.Serialize(new QuoteOrder(Read<QuoteView>(quote).Id), ProtocolJson.Options), "application/json");
            }

            if (!Note(_book, key, request, await _client.PostAsync("/api/v1/orders", request.Body, request.MediaType, key)))
            {
                return;
            }

            await Task.Delay(random.Next(50, 200));
        }
    }

    private async Task TopUpAsync(Random random)
    {
        for (var n = 0; ; n++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"topup-r{_round}-{n}");
            var answer = await _client.PostAsync("/api/v1/tenants/admin/topups", TopUpBody(key, "0.50"), "application/json", key);
            if (answer is null)
            {
                _book.UnansweredTopUps[key] = 0;
                return;
            }

            if (answer.Succeeded)
            {
                _book.TopUps[key] = Read<TopUpResult>(answer).Posting;
            }
            else
            {
                _book.Unexpect($"top-up {key}", answer);
            }

            await Task.Delay(random.Next(100, 300));
        }
    }

    // Follows one job's output as `logs -f` does (offset by offset until the job is final), then
    // notes the jobs the server says succeeded, then the next job.
    private async Task FollowAsync(Random random)
    {
        while (true)
        {
            var succeeded = await _client.GetAsync("/api/v1/jobs?state=succeeded&limit=200");
            if (succeeded is null)
            {
                return;
            }

            foreach (var job in Read<JobPage>(succeeded).Items)
            {
                _book.Succeeded[job.Id] = 0;
            }

            if (Recent(random) is not { } id)
            {
                await Task.Delay(50);
                continue;
            }

            var text = new StringBuilder();
            var followed = await FollowAsync(id, text);
            _book.Streamed.AddOrUpdate(id, text.ToString(), (_, before) => before.Length >= text.Length ? before : text.ToString());
            if (!followed)
            {
                return;
            }
        }
    }

    // False when the server stopped answering.
    private async Task<bool> FollowAsync(long id, StringBuilder text)
    {
        long offset = 0;
        while (true)
        {
            // The state is read before the output: once it is final, the output read after it is complete.
            var state = await _client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/jobs/{id}"));
            var logs = await _client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/jobs/{id}/logs?offset={offset}"));
            if (state is null || logs is null)
            {
                return false;
            }

            if (state.Status != HttpStatusCode.OK || logs.Status != HttpStatusCode.OK)
            {
                _book.Unexpect($"following job {id}", state.Status != HttpStatusCode.OK ? state : logs);
                return true;
            }

            text.Append(logs.Body);
            offset = logs.NextOffset ?? offset;
            var job = Read<JobView>(state);
            if (s_final.Contains(job.State))
            {
                if (job.State == "succeeded")
                {
                    _book.Succeeded[id] = 0;
                }

                return true;
            }

            await Task.Delay(100);
        }
    }

    // One of the twenty newest jobs acknowledged so far, or null before the first.
    private long? Recent(Random random)
    {
        var recent = _book.Jobs.Keys.OrderDescending().Take(20).ToArray();
        return recent.Length == 0 ? null : recent[random.Next(recent.Length)];
    }
}
