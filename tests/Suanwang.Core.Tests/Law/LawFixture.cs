using System.Globalization;
using Suanwang.Core.Law;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Law;

/// <summary>The repository's rule files, loaded once, and a compact way to write facts in table rows.</summary>
internal static class LawFixture
{
    /// <summary>The decision date the rows use.</summary>
    public static readonly DateOnly Today = new(2026, 12, 7);

    private static readonly Lazy<LawEngine> s_engine = new(() => LawEngine.Load(Files()));

    /// <summary>The engine over rules/law/*.yaml.</summary>
    public static LawEngine Engine => s_engine.Value;

    /// <summary>The rule files as (source, text), in name order.</summary>
    public static IEnumerable<(string Source, string Text)> Files() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "rules", "law"), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(p => ($"rules/law/{Path.GetFileName(p)}", File.ReadAllText(p)));

    /// <summary>
    /// Facts from "key=value" words: from, to, subjects (a,b), class, authority, ciio, individuals,
    /// sensitive, year (individuals already counted), year_sensitive, exemption, kind, one_off,
    /// approved, copy, usage, sa, sc, cert, scc, bcr, notice, notice_days, ban, consent, purpose, today.
    /// Defaults: tenant acme, general data, counters at 0, no filings, placement.
    /// </summary>
    public static PolicyFacts Facts(string row)
    {
        var f = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in row.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = word.IndexOf('=');
            f[word[..eq]] = word[(eq + 1)..];
        }

        string Get(string key, string fallback) => f.GetValueOrDefault(key, fallback);
        long Count(string key) => long.Parse(Get(key, "0").Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        bool Flag(string key, bool fallback = false) => bool.Parse(Get(key, fallback ? "true" : "false"));
        FilingState Filing(string key) => Enum.Parse<FilingState>(Get(key, "none"), ignoreCase: true);
        T Symbol<T>(string key, string fallback)
            where T : struct, Enum => Enum.Parse<T>(Get(key, fallback).Replace("_", "", StringComparison.Ordinal), ignoreCase: true);

        return new PolicyFacts
        {
            Kind = Symbol<DecisionKind>("kind", "placement"),
            Tenant = "acme",
            Datasets = ["ds-1"],
            Origin = CountryCodes.IndexOf(Get("from", "CN")),
            Destination = CountryCodes.IndexOf(Get("to", "KZ")),
            Subjects = CountryMask.Of(Get("subjects", "").Split(',', StringSplitOptions.RemoveEmptyEntries)),
            Classification = Symbol<Classification>("class", "general"),
            AuthorityReference = Flag("authority"),
            Ciio = Flag("ciio"),
            Individuals = Count("individuals"),
            Sensitive = Count("sensitive"),
            YearIndividuals = Count("year"),
            YearSensitive = Count("year_sensitive"),
            Exemption = Symbol<Exemption>("exemption", "none"),
            OneOff = Flag("one_off"),
            ManualApproval = Flag("approved"),
            KeepsCopy = Flag("copy"),
            UsagePermits = Flag("usage", fallback: true),
            Declared = Flag("declared"),
            SecurityAssessment = Filing("sa"),
            StandardContract = Filing("sc"),
            Certification = Filing("cert"),
            Scc = Filing("scc"),
            Bcr = Filing("bcr"),
            RuNotice = Filing("notice"),
            RuNoticeWorkingDays = (int)Count("notice_days") - (f.ContainsKey("notice_days") ? 0 : 1),
            RuBan = Flag("ban"),
            Consent = Flag("consent"),
            SaPurpose = Flag("purpose"),
            Today = f.TryGetValue("today", out var d) ? DateOnly.Parse(d, CultureInfo.InvariantCulture) : Today,
        };
    }

    /// <summary>Asserts the row's outcome and deciding rule.</summary>
    public static Verdict Check(string row, string outcome, string rule)
    {
        var verdict = Engine.Decide(Facts(row));
        Assert.True(
            (outcome == "allow") == verdict.Allowed && verdict.Rules.Contains(rule),
            $"{row}: expected {outcome} by {rule}, got {verdict.Outcome} by {string.Join(",", verdict.Rules)}: {verdict.Explanation}");
        return verdict;
    }
}
