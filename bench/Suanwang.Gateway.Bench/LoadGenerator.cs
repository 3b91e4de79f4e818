using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Suanwang.Gateway.Bench;

/// <summary>
/// N loops each send one chat completion, read its whole answer, and send the next: at once (a
/// closed loop), or, given a rate, when the loop's schedule says (an open loop: loop i of N sends
/// at i/rate, then every N/rate seconds, or as soon as its last answer is in when that is later,
/// without catching up on what it missed). After
/// a warm-up, each request that starts within the measured period has its latency (send to last
/// byte read) counted, and each that ends within it counts for the throughput; the CPU time of the
/// serving process, the upstream and this process is read at both ends.
/// </summary>
internal static class LoadGenerator
{
    private const int Warming = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    /// <summary>The request body: a small chat, non-streaming or streaming.</summary>
    public static byte[] Body(string model, bool stream) => Encoding.UTF8.GetBytes(
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16{{(stream ? ""","stream":true,"stream_options":{"include_usage":true}""" : "")}}}""");

    /// <summary>Runs <paramref name="concurrency"/> loops against <paramref name="target"/>.</summary>
    public static async Task<RunResult> RunAsync(Target target, int concurrency, double? rate, TimeSpan warmup, TimeSpan measure, bool stream, Func<TimeSpan> upstreamCpu)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var body = Body(target.Model, stream);
        var state = new RunState();
        var loops = new Loop[concurrency];
        var tasks = new Task[concurrency];
        var origin = Stopwatch.GetTimestamp();
        for (var i = 0; i < concurrency; i++)
        {
            loops[i] = rate is { } r
                ? new Loop { Next = origin + (long)(i / r * Stopwatch.Frequency), Period = (long)(concurrency / r * Stopwatch.Frequency) }
                : new Loop();
            tasks[i] = RunLoopAsync(client, target, body, state, loops[i]);
        }

        await Task.Delay(warmup);
        var ownBefore = target.Own is { } own ? await own.ReadAsync() : null;
        var before = Snapshot(target, upstreamCpu);
        Volatile.Write(ref state.Phase, Measuring);
        await Task.Delay(measure);
        Volatile.Write(ref state.Phase, Stopped);
        var after = Snapshot(target, upstreamCpu);
        await Task.WhenAll(tasks);
        var ownAfter = target.Own is { } ownAgain ? await ownAgain.ReadAsync() : null;

        var latency = new LatencyHistogram();
        long completed = 0, errors = 0;
        string? firstError = null;
        foreach (var loop in loops)
        {
            latency.Add(loop.Latency);
            completed += loop.Completed;
            errors += loop.Errors;
            firstError ??= loop.FirstError;
        }

        var seconds = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        return new RunResult(
            target.Name,
            concurrency,
            completed / seconds,
            latency,
            errors,
            firstError,
            PerRequest(before.Target, after.Target, completed),
            PerRequest(before.Upstream, after.Upstream, completed),
            PerRequest(before.Self, after.Self, completed))
        {
            OwnP50Ms = ownBefore is null || ownAfter is null ? null : OwnTime.Percentile(ownBefore, ownAfter, 0.50),
            OwnP99Ms = ownBefore is null || ownAfter is null ? null : OwnTime.Percentile(ownBefore, ownAfter, 0.99),
        };
    }

    private static async Task RunLoopAsync(HttpClient client, Target target, byte[] body, RunState state, Loop loop)
    {
        // Yield first so that every loop starts from the thread pool, not from the caller's loop.
        await Task.Yield();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            if (loop.Period > 0)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), loop.Next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                // A loop that falls behind sends its next request as soon as this one is
                // answered, never a burst of the requests it missed.
                loop.Next = Math.Max(loop.Next + loop.Period, Stopwatch.GetTimestamp());
            }

            var phase = Volatile.Read(ref state.Phase);
            if (phase == Stopped)
            {
                return;
            }

            var start = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                ok = await SendAsync(client, target, body, buffer, loop);
            }
            catch (HttpRequestException e)
            {
                ok = loop.Fail(e.Message);
            }
            catch (TaskCanceledException)
            {
                ok = loop.Fail("timed out after 30 s");
            }
            catch (IOException e)
            {
                ok = loop.Fail(e.Message);
            }

            var end = Stopwatch.GetTimestamp();
            if (!ok)
            {
                continue;
            }

            if (phase == Measuring)
            {
                loop.Latency.Record((long)Stopwatch.GetElapsedTime(start, end).TotalNanoseconds);
            }

            if (Volatile.Read(ref state.Phase) == Measuring)
            {
                loop.Completed++;
            }
        }
    }

    private static async Task<bool> SendAsync(HttpClient client, Target target, byte[] body, byte[] buffer, Loop loop)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = s_json;
        using var request = new HttpRequestMessage(HttpMethod.Post, target.ChatUrl) { Content = content };
        foreach (var (name, value) in target.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            length += read;
        }

        return response.StatusCode == HttpStatusCode.OK || loop.Fail($"HTTP {(int)response.StatusCode} ({length} bytes)");
    }

    private static (long Timestamp, TimeSpan? Target, TimeSpan Upstream, TimeSpan Self) Snapshot(Target target, Func<TimeSpan> upstreamCpu) =>
        (Stopwatch.GetTimestamp(), target.CpuTime?.Invoke(), upstreamCpu(), ProcessCpu.Self());

    private static double? PerRequest(TimeSpan? before, TimeSpan? after, long requests) =>
        before is { } b && after is { } a && requests > 0 ? (a - b).TotalMicroseconds / requests : null;

    private sealed class RunState
    {
        public int Phase = Warming;
    }

    private sealed class Loop
    {
        public LatencyHistogram Latency { get; } = new();

        /// <summary>When the next request is due (open loop), in <see cref="Stopwatch"/> ticks.</summary>
        public long Next { get; set; }

        /// <summary>Ticks between this loop's requests (open loop); 0 in a closed loop.</summary>
        public long Period { get; init; }

        public long Completed { get; set; }

        public long Errors { get; private set; }

        public string? FirstError { get; private set; }

        public bool Fail(string message)
        {
            Errors++;
            FirstError ??= message;
            return false;
        }
    }
}
