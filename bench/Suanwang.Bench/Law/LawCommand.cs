using System.Diagnostics;
using Suanwang.Bench.Common;
using Suanwang.Core.Law;
using Suanwang.Core.Sites;

namespace Suanwang.Bench.Law;

/// <summary>
/// <c>law [RULES_DIR]</c>: latency of one data-law decision (<see cref="LawEngine.Decide"/>) over the
/// repository's rule files padded to 50 rules with guards that never match (so every decision runs
/// them all), on a mix of generated requests, one thread. Each decision is timed on its own.
/// </summary>
public static class LawCommand
{
    /// <summary>The p99 one decision should stay under, in microseconds.</summary>
    public const double TargetP99Microseconds = 10;

    /// <summary>The number of rules the target is stated at.</summary>
    public const int TargetRules = 50;

    private const int Warm = 200_000;
    private const int Timed = 1_000_000;

    public static int Run(string? rulesDir)
    {
        var dir = rulesDir ?? FindRules();
        var files = Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal).Select(p => (p, File.ReadAllText(p))).ToList();
        var loaded = LawEngine.Load(files);
        var padding = TargetRules - loaded.RuleCount;
        if (padding > 0)
        {
            var g0 = files.FindIndex(f => Path.GetFileName(f.p) == "G0.yaml");
            var extra = string.Concat(Enumerable.Range(0, padding).Select(i =>
                $"\n  - id: G0-P{i}\n    when: individuals > {i + 1} and individuals < 1 and destination in [\"AQ\", \"BV\"]\n    outcome: deny\n    citation: padding\n    explain: \"padding {{destination}}\"\n"));
            var text = files[g0].Item2;
            var at = text.IndexOf("fallback:", StringComparison.Ordinal);
            files[g0] = (files[g0].p, text[..at].TrimEnd() + extra + text[at..]);
        }

        var engine = LawEngine.Load(files);
        Console.WriteLine($"machine: {Machine.Current().Describe()}");
        Console.WriteLine($"law: LawEngine.Decide over {engine.RuleCount} rules ({loaded.RuleCount} from {dir}, {Math.Max(padding, 0)} padding guards), {Format.Count(Timed)} decisions timed one by one, one thread");
        var requests = Requests(new Random(7), 4096);
        var sink = 0;
        for (var i = 0; i < Warm; i++)
        {
            sink += engine.Decide(requests[i & 4095]).Rules.Count;
        }

        var ticks = new long[Timed];
        var allowed = 0;
        for (var i = 0; i < Timed; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var verdict = engine.Decide(requests[i & 4095]);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            allowed += verdict.Allowed ? 1 : 0;
        }

        Array.Sort(ticks);
        double Us(long t) => t * 1e6 / Stopwatch.Frequency;
        var p50 = Us(ticks[Timed / 2]);
        var p99 = Us(ticks[(int)(Timed * 0.99)]);
        var max = Us(ticks[^1]);
        var table = new MarkdownTable("rules", "decisions timed", "allowed", "p50", "p99", "max");
        table.Add(engine.RuleCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Count(Timed), Format.Percent(allowed / (double)Timed), $"{p50:0.00} us", $"{p99:0.00} us", $"{max:0.0} us");
        Console.WriteLine(table);
        var missed = p99 > TargetP99Microseconds;
        Console.WriteLine($"target p99 <= {TargetP99Microseconds} us at {TargetRules} rules: {(missed ? "MISSED" : "met")} ({sink % 2})");
        return missed ? 1 : 0;
    }

    private static PolicyFacts[] Requests(Random r, int count)
    {
        string[] countries = ["CN", "KZ", "RU", "SA", "DE", "FR", "US", "JP", "GB", "IN", "SG", "AE"];
        long[] individuals = [0, 1, 99_999, 100_000, 999_999, 1_000_000, 2_000_000];
        FilingState Filing() => (FilingState)r.Next(2);
        return Enumerable.Range(0, count).Select(_ => new PolicyFacts
        {
            Kind = (DecisionKind)r.Next(3),
            Tenant = "acme",
            Datasets = ["ds-1"],
            Origin = CountryCodes.IndexOf(countries[r.Next(countries.Length)]),
            Destination = CountryCodes.IndexOf(countries[r.Next(countries.Length)]),
            Subjects = r.Next(4) == 0 ? CountryMask.Of(["RU"]) : CountryMask.None,
            Classification = (Classification)r.Next(1, 4),
            AuthorityReference = r.Next(2) == 0,
            Individuals = individuals[r.Next(individuals.Length)],
            Sensitive = r.Next(3) == 0 ? 10_000 : 0,
            SecurityAssessment = Filing(),
            StandardContract = Filing(),
            Scc = Filing(),
            RuNotice = Filing(),
            RuNoticeWorkingDays = r.Next(-1, 15),
            SaPurpose = r.Next(2) == 0,
            Today = new DateOnly(2026, 12, 7),
        }).ToArray();
    }

    private static string FindRules()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "rules", "law");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("no rules/law above the program; pass the folder");
    }
}
