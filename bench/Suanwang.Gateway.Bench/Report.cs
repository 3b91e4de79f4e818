using System.Globalization;
using System.Text;

namespace Suanwang.Gateway.Bench;

/// <summary>
/// The figures as markdown: per concurrency, each target's throughput and latency, its overhead
/// (its latency less the direct latency at the same percentile and concurrency) and CPU time per
/// request; then Portkey's overhead divided by Suanwang's.
/// </summary>
internal static class Report
{
    /// <summary>The name of the baseline target: requests straight to the upstream.</summary>
    public const string Direct = "direct";

    /// <summary>The name of the bench's own minimal relay.</summary>
    public const string Relay = "relay (ASP.NET Core)";

    /// <summary>The tables and ratios for <paramref name="figures"/>.</summary>
    public static string Markdown(IReadOnlyList<Figures> figures)
    {
        var text = new StringBuilder();
        foreach (var concurrency in figures.Select(f => f.Concurrency).Distinct())
        {
            var rows = figures.Where(f => f.Concurrency == concurrency).ToList();
            var direct = rows.FirstOrDefault(f => f.Target == Direct);
            text.AppendLine(CultureInfo.InvariantCulture, $"concurrency {concurrency}:").AppendLine();
            text.AppendLine("| target | requests/s | p50 ms | p99 ms | max ms | overhead p50 ms | overhead p99 ms | own time p50 ms | own time p99 ms | server CPU µs/req | upstream CPU µs/req | client CPU µs/req | errors |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var f in rows)
            {
                var overhead = direct is null || f.Target == Direct ? ("-", "-") : (Ms(f.P50Ms - direct.P50Ms), Ms(f.P99Ms - direct.P99Ms));
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {f.Target} | {f.RequestsPerSecond:F0} | {Ms(f.P50Ms)} | {Ms(f.P99Ms)} | {Ms(f.MaxMs)} | {overhead.Item1} | {overhead.Item2} | {Own(f.OwnP50Ms)} | {Own(f.OwnP99Ms)} | {Micros(f.ServerCpuMicros)} | {Micros(f.UpstreamCpuMicros)} | {Micros(f.ClientCpuMicros)} | {f.Errors} |");
            }

            text.AppendLine();
            foreach (var line in Ratios(rows, direct))
            {
                text.AppendLine(line);
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Portkey's overhead over each other gateway's at one concurrency, or why there is none.</summary>
    private static IEnumerable<string> Ratios(List<Figures> rows, Figures? direct)
    {
        var portkey = rows.FirstOrDefault(f => f.Target.StartsWith("portkey", StringComparison.Ordinal));
        var others = rows.Where(f => f.Target != Direct && f != portkey).ToList();
        if (direct is null || portkey is null || others.Count == 0)
        {
            yield return "Portkey ÷ gateway overhead: not measured (needs direct, Portkey and another gateway in one run).";
            yield break;
        }

        static string Times(double portkey, double other) =>
            other > 0 ? string.Create(CultureInfo.InvariantCulture, $"{portkey / other:F1}x") : "n/a (the other's is within noise of zero)";

        foreach (var other in others)
        {
            var cpu = portkey.ServerCpuMicros is { } p && other.ServerCpuMicros is { } s ? Times(p, s) : "n/a (no process id)";
            yield return $"Portkey ÷ {other.Target} overhead: p50 {Times(portkey.P50Ms - direct.P50Ms, other.P50Ms - direct.P50Ms)}, " +
                         $"p99 {Times(portkey.P99Ms - direct.P99Ms, other.P99Ms - direct.P99Ms)}; CPU per request {cpu}.";
        }
    }

    private static string Ms(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Own(double? value) => value is { } v ? Ms(v) : "-";

    private static string Micros(double? value) => value is { } v ? v.ToString("F0", CultureInfo.InvariantCulture) : "-";

    /// <summary>The figures of one target at one concurrency, from one run or the median of several.</summary>
    public sealed record Figures(
        string Target,
        int Concurrency,
        double RequestsPerSecond,
        double P50Ms,
        double P99Ms,
        double MaxMs,
        double? ServerCpuMicros,
        double? UpstreamCpuMicros,
        double? ClientCpuMicros,
        long Errors,
        double? OwnP50Ms = null,
        double? OwnP99Ms = null)
    {
        /// <summary>The figures of one run.</summary>
        public static Figures From(RunResult r) => new(
            r.Target, r.Concurrency, r.RequestsPerSecond, r.P50Ms, r.P99Ms, r.MaxMs, r.TargetCpuMicros, r.UpstreamCpuMicros, r.ClientCpuMicros, r.Errors, r.OwnP50Ms, r.OwnP99Ms);

        /// <summary>The median of each figure over runs of the same target and concurrency; errors are summed.</summary>
        public static Figures Median(IReadOnlyList<Figures> runs) => new(
            runs[0].Target,
            runs[0].Concurrency,
            MedianOf(runs.Select(r => r.RequestsPerSecond)),
            MedianOf(runs.Select(r => r.P50Ms)),
            MedianOf(runs.Select(r => r.P99Ms)),
            MedianOf(runs.Select(r => r.MaxMs)),
            runs.All(r => r.ServerCpuMicros is not null) ? MedianOf(runs.Select(r => r.ServerCpuMicros!.Value)) : null,
            runs.All(r => r.UpstreamCpuMicros is not null) ? MedianOf(runs.Select(r => r.UpstreamCpuMicros!.Value)) : null,
            runs.All(r => r.ClientCpuMicros is not null) ? MedianOf(runs.Select(r => r.ClientCpuMicros!.Value)) : null,
            runs.Sum(r => r.Errors),
            runs.All(r => r.OwnP50Ms is not null) ? MedianOf(runs.Select(r => r.OwnP50Ms!.Value)) : null,
            runs.All(r => r.OwnP99Ms is not null) ? MedianOf(runs.Select(r => r.OwnP99Ms!.Value)) : null);

        private static double MedianOf(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}
