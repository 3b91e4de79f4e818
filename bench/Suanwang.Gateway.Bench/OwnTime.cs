using System.Globalization;
using System.Net.Http.Headers;

namespace Suanwang.Gateway.Bench;

/// <summary>
/// The gateway's own time per request as Suanwang measures it itself: the cumulative buckets of
/// <c>suanwang_gateway_overhead_seconds</c> from its <c>/metrics</c> (all models and sites summed),
/// read at both ends of a measured period; the percentiles of the difference are interpolated
/// within a bucket (the buckets are 19% wide, four per doubling).
/// </summary>
internal sealed class OwnTime(HttpClient http) : IDisposable
{
    private const string Bucket = "suanwang_gateway_overhead_seconds_bucket{";

    /// <summary>A reader of the gateway at <paramref name="server"/> with an admin key.</summary>
    public static OwnTime Of(Uri server, string adminKey)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return new OwnTime(http);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    /// <summary>Cumulative counts by upper bound in seconds (+Inf last), summed over series.</summary>
    public async Task<SortedDictionary<double, long>> ReadAsync()
    {
        var text = await http.GetStringAsync("metrics");
        var buckets = new SortedDictionary<double, long>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Bucket, StringComparison.Ordinal))
            {
                continue;
            }

            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var value = long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            var key = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
            buckets[key] = buckets.GetValueOrDefault(key) + value;
        }

        return buckets;
    }

    /// <summary>The <paramref name="quantile"/> in milliseconds of the requests counted between two reads; null when none were.</summary>
    public static double? Percentile(SortedDictionary<double, long> before, SortedDictionary<double, long> after, double quantile)
    {
        var bounds = after.Keys.ToArray();
        var counts = bounds.Select(b => after[b] - before.GetValueOrDefault(b)).ToArray();
        var total = counts.Length == 0 ? 0 : counts[^1];
        if (total <= 0)
        {
            return null;
        }

        var rank = quantile * total;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (counts[i] >= rank)
            {
                var lower = i == 0 ? 0 : bounds[i - 1];
                var below = i == 0 ? 0 : counts[i - 1];
                if (double.IsPositiveInfinity(bounds[i]))
                {
                    return lower * 1000;
                }

                var inBucket = counts[i] - below;
                var fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
                return (lower + ((bounds[i] - lower) * fraction)) * 1000;
            }
        }

        return null;
    }
}
