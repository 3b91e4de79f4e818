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
        return text.ToString();
    }

    private static void WriteHistogram(StringBuilder text, string name, string help, IEnumerable<((string Model, string Site) Key, Histogram Histogram)> series)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} histogram\n");
        foreach (var ((model, site), histogram) in series)
        {
            var labels = $"model=\"{Escape(model)}\",site=\"{Escape(site)}\"";
            long cumulative = 0;
            for (var i = 0; i < s_bounds.Length; i++)
            {
                cumulative += Interlocked.Read(ref histogram.Buckets[i]);
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{s_bounds[i]}\"}} {cumulative}\n");
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
        public readonly Histogram Latency = new();
        public readonly Histogram Ttft = new();
        public long PromptTokens;
        public long CompletionTokens;
    }

    private sealed class Histogram
    {
        public readonly long[] Buckets = new long[s_bounds.Length];
        public long Count;
        public long MicrosSum;

        public void Observe(double seconds)
        {
            var i = 0;
            while (i < s_bounds.Length && seconds > s_bounds[i])
            {
                i++;
            }

            if (i < s_bounds.Length)
            {
                Interlocked.Increment(ref Buckets[i]);
            }

            Interlocked.Increment(ref Count);
            Interlocked.Add(ref MicrosSum, (long)(seconds * 1e6));
        }
    }
}
