using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// The gateway's counters and histograms per model and site, written as Prometheus text
/// (exposition format 0.0.4) for <c>GET /metrics</c>. Updates are lock-free adds.
/// </summary>
public sealed class GatewayMetrics
{
    // Seconds; the upper bounds of the latency and time-to-first-token buckets.
    private static readonly double[] s_bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    // Seconds; the gateway's own time per request: 10 µs times 2^(i/4), four buckets per doubling up to about 10 s, each bound rounded to three digits.
    private static readonly double[] s_overheadBounds = [.. Enumerable.Range(0, 81).Select(i => double.Parse((10e-6 * Math.Pow(2, i / 4.0)).ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))];

    private readonly ConcurrentDictionary<(string Model, string Site), Series> _series = new();
    private readonly ConcurrentDictionary<(string Model, string Outcome, int Status), long[]> _requests = new();

    /// <summary>Counts one request that ended with <paramref name="status"/>; <paramref name="site"/> is "" when none served it.</summary>
    public void Request(string model, string site, string outcome, int status, long promptTokens, long completionTokens, double seconds, double? ttftSeconds)
    {
        Interlocked.Increment(ref _requests.GetOrAdd((model, outcome, status), static _ => new long[1])[0]);
        if (site.Length == 0)
        {
            return;
        }

        var series = _series.GetOrAdd((model, site), static _ => new Series());
        Interlocked.Add(ref series.PromptTokens, promptTokens);
        Interlocked.Add(ref series.CompletionTokens, completionTokens);
        series.Latency.Observe(seconds);
        if (ttftSeconds is { } ttft)
        {
            series.Ttft.Observe(ttft);
        }
    }

    /// <summary>
    /// Counts the gateway's own time for one request served by <paramref name="site"/>: from the
    /// request's arrival to its sending upstream, plus from the upstream's last byte to the answer
    /// written, leaving out the wait for the upstream.
    /// </summary>
    public void Overhead(string model, string site, double seconds) =>
        _series.GetOrAdd((model, site), static _ => new Series()).Overhead.Observe(seconds);

    /// <summary>Every metric as Prometheus text.</summary>
    public string Write()
    {
        var text = new StringBuilder();
        text.Append("# HELP suanwang_gateway_requests_total Token gateway requests by model, outcome and HTTP status.\n# TYPE suanwang_gateway_requests_total counter\n");
        foreach (var ((model, outcome, status), count) in _requests.OrderBy(p => p.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"suanwang_gateway_requests_total{{model=\"{Escape(model)}\",outcome=\"{outcome}\",status=\"{status}\"}} {Interlocked.Read(ref count[0])}\n");
        }

        var series = _series.OrderBy(p => p.Key).ToArray();
        text.Append("# HELP suanwang_gateway_tokens_total Tokens billed by model, site and kind.\n# TYPE suanwang_gateway_tokens_total counter\n");
        foreach (var ((model, site), s) in series)
        {
            text.Append(CultureInfo.InvariantCulture, $"suanwang_gateway_tokens_total{{model=\"{Escape(model)}\",site=\"{Escape(site)}\",kind=\"prompt\"}} {Interlocked.Read(ref s.PromptTokens)}\n");
            text.Append(CultureInfo.InvariantCulture, $"suanwang_gateway_tokens_total{{model=\"{Escape(model)}\",site=\"{Escape(site)}\",kind=\"completion\"}} {Interlocked.Read(ref s.CompletionTokens)}\n");
        }

        WriteHistogram(text, "suanwang_gateway_request_duration_seconds", "Time from a request to its end, by model and site.", series.Select(p => (p.Key, p.Value.Latency)));
        WriteHistogram(text, "suanwang_gateway_time_to_first_token_seconds", "Time from a request to the first byte of its answer, by model and site.", series.Select(p => (p.Key, p.Value.Ttft)));
        WriteHistogram(text, "suanwang_gateway_overhead_seconds", "The gateway's own time per request, without the wait for the upstream, by model and site.", series.Select(p => (p.Key, p.Value.Overhead)));
        return text.ToString();
    }

    private static void WriteHistogram(StringBuilder text, string name, string help, IEnumerable<((string Model, string Site) Key, Histogram Histogram)> series)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} histogram\n");
        foreach (var ((model, site), histogram) in series)
        {
            var labels = $"model=\"{Escape(model)}\",site=\"{Escape(site)}\"";
            long cumulative = 0;
            for (var i = 0; i < histogram.Bounds.Length; i++)
            {
                cumulative += Interlocked.Read(ref histogram.Buckets[i]);
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{histogram.Bounds[i]}\"}} {cumulative}\n");
            }

            var count = Interlocked.Read(ref histogram.Count);
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {count}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {Interlocked.Read(ref histogram.MicrosSum) / 1e6}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {count}\n");
        }
    }

    private static string Escape(string label) => label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Series
    {
        public readonly Histogram Latency = new(s_bounds);
        public readonly Histogram Ttft = new(s_bounds);
        public readonly Histogram Overhead = new(s_overheadBounds);
        public long PromptTokens;
        public long CompletionTokens;
    }

    private sealed class Histogram(double[] bounds)
    {
        public readonly double[] Bounds = bounds;
        public readonly long[] Buckets = new long[bounds.Length];
        public long Count;
        public long MicrosSum;

        public void Observe(double seconds)
        {
            var i = Array.BinarySearch(Bounds, seconds);
            if (i < 0)
            {
                i = ~i;
            }

            if (i < Bounds.Length)
            {
                Interlocked.Increment(ref Buckets[i]);
            }

            Interlocked.Increment(ref Count);
            Interlocked.Add(ref MicrosSum, (long)(seconds * 1e6));
        }
    }
}
