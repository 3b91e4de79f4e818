using System.Security.Cryptography;
using System.Text;
using Suanwang.Core.Errors;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Law;

/// <summary>
/// The data-law engine: the loaded rule files, and one <see cref="Decide"/> for every decision.
/// It fails closed: an unknown country, a stale rule file, no rule that allows, or any error denies.
/// </summary>
public sealed class LawEngine
{
    /// <summary>Origin or destination is not a known country.</summary>
    public const string UnknownCountry = "G0-1";

    /// <summary>A rule file is past its review date.</summary>
    public const string Stale = "G0-5";

    /// <summary>An error while evaluating.</summary>
    public const string Failure = "G0-6";

    /// <summary>No rule of an applicable file allows the export.</summary>
    public const string NoRule = "G0-7";

    /// <summary>The data stays in its country, or within the countries of one file (e.g. the EEA).</summary>
    public const string Domestic = "G0-9";

    private readonly RuleFile _general;
    private readonly RuleFile[] _jurisdictions;

    private LawEngine(RuleFile general, RuleFile[] jurisdictions)
    {
        _general = general;
        _jurisdictions = jurisdictions;
        Files = [general, .. jurisdictions];
        RuleCount = Files.Sum(f => f.Rules.Count + f.Fallback.Count);
        var all = string.Join("\n", Files.Select(f => $"{f.Jurisdiction} {f.Version} {f.Digest}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all)))[..16];
        Version = $"{string.Join(" ", Files.Select(f => $"{f.Jurisdiction}@{f.Version}"))} #{hash}";
    }

    /// <summary>The loaded files, G0 first.</summary>
    public IReadOnlyList<RuleFile> Files { get; }

    /// <summary>Number of rules over all files.</summary>
    public int RuleCount { get; }

    /// <summary>The rule-set version every decision records: each file's version and a hash of their bytes.</summary>
    public string Version { get; }

    /// <summary>
    /// Loads and checks the rule files (text and the name it came from); a problem is an
    /// <see cref="InputException"/> naming the file, line and field.
    /// </summary>
    public static LawEngine Load(IEnumerable<(string Source, string Text)> files)
    {
        var read = files.Select(f => RuleFileReader.Read(f.Text, f.Source)).ToList();
        var general = read.Where(f => f.Jurisdiction == RuleFileReader.General).ToList();
        if (general.Count != 1)
        {
            throw new InputException(general.Count == 0 ? "rules" : general[1].Source, 0, "jurisdiction",
                general.Count == 0 ? "no G0 file: the general rules are required" : "G0 is defined twice");
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in read)
        {
            if (read.Count(f => f.Jurisdiction == file.Jurisdiction) > 1)
            {
                throw new InputException(file.Source, 1, "jurisdiction", $"{file.Jurisdiction} is defined in more than one file");
            }

            foreach (var rule in file.Rules.Concat(file.Fallback))
            {
                if (rule.Id is UnknownCountry or Stale or Failure or NoRule or Domestic || !ids.TryAdd(rule.Id, file.Source))
                {
                    throw new InputException(file.Source, rule.Line, "id", $"rule id '{rule.Id}' is already used ({ids.GetValueOrDefault(rule.Id, "by the engine")})");
                }
            }
        }

        var others = read.Where(f => f.Jurisdiction != RuleFileReader.General).OrderBy(f => f.Jurisdiction, StringComparer.Ordinal).ToArray();
        return new LawEngine(general[0], others);
    }

    /// <summary>An engine over already-read files, for tests that need rules no file can express.</summary>
    internal static LawEngine Of(RuleFile general, RuleFile[] jurisdictions) => new(general, jurisdictions);

    /// <summary>Decides one export; never throws (an error is a denial under G0-6).</summary>
    public Verdict Decide(PolicyFacts facts)
    {
        try
        {
            return Evaluate(facts);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new Verdict(LawOutcome.Deny, [Failure], $"{Failure}: the rules could not be evaluated ({ex.GetType().Name}); denied until fixed");
        }
    }

    /// <summary>The countries among <paramref name="candidates"/> the facts may go to.</summary>
    public CountryMask Allowed(PolicyFacts facts, CountryMask candidates)
    {
        var allowed = CountryMask.None;
        for (var c = 0; c < CountryCodes.Count; c++)
        {
            if (candidates.Contains(c) && Decide(facts.To(c)).Allowed)
            {
                allowed = allowed.With(c);
            }
        }

        return allowed;
    }

    private Verdict Evaluate(PolicyFacts facts)
    {
        if (facts.Origin < 0 || facts.Destination < 0 || facts.Origin >= CountryCodes.Count || facts.Destination >= CountryCodes.Count)
        {
            var which = facts.Origin < 0 || facts.Origin >= CountryCodes.Count ? "origin" : "destination";
            return Deny(UnknownCountry, $"the {which} country is unknown; name a site or an ISO 3166-1 country");
        }

        if (facts.Today > _general.ReviewBy)
        {
            return StaleFile(_general);
        }

        foreach (var guard in _general.Rules)
        {
            if (guard.Condition(facts))
            {
                return Deny(guard.Id, guard.Explain.Render(facts));
            }
        }

        List<string>? ids = null;
        StringBuilder? why = null;
        string? within = facts.Origin == facts.Destination ? FactSchema.Country(facts.Origin) : null;
        foreach (var file in _jurisdictions)
        {
            var countries = file.Countries;
            if (countries.Contains(facts.Destination))
            {
                within ??= countries.Contains(facts.Origin) ? file.Jurisdiction : null;
                continue;
            }

            if (!(countries.Contains(facts.Origin) || countries.Overlaps(facts.Subjects)))
            {
                continue;
            }

            if (facts.Today > file.ReviewBy)
            {
                return StaleFile(file);
            }

            var rule = First(file.Rules, facts);
            if (rule is null)
            {
                return Deny(NoRule, $"no {file.Jurisdiction} rule allows this export to {FactSchema.Country(facts.Destination)}; denied by default");
            }

            if (rule.Outcome == LawOutcome.Deny)
            {
                return Deny(rule.Id, rule.Explain.Render(facts));
            }

            (ids ??= []).Add(rule.Id);
            (why ??= new StringBuilder()).Append(why.Length > 0 ? "; " : "").Append(rule.Id).Append(": ").Append(rule.Explain.Render(facts));
        }

        if (ids is not null)
        {
            return new Verdict(LawOutcome.Allow, ids, why!.ToString());
        }

        if (within is not null)
        {
            return new Verdict(LawOutcome.Allow, [Domestic], $"{Domestic}: the data stays within {within}");
        }

        var fallback = First(_general.Fallback, facts);
        if (fallback is null)
        {
            return Deny(NoRule, $"no rule file covers this export from {FactSchema.Country(facts.Origin)} to {FactSchema.Country(facts.Destination)}; denied by default");
        }

        var text = $"{fallback.Id}: {fallback.Explain.Render(facts)}";
        return new Verdict(fallback.Outcome, [fallback.Id], text);
    }

    private static LawRule? First(IReadOnlyList<LawRule> rules, PolicyFacts facts)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Condition(facts))
            {
                return rules[i];
            }
        }

        return null;
    }

    private static Verdict StaleFile(RuleFile file) =>
        Deny(Stale, $"rule file {file.Jurisdiction} ({file.Version}) was due for review on {file.ReviewBy:yyyy-MM-dd}; its decisions are denied until it is checked and its review_by moved");

    private static Verdict Deny(string id, string text) => new(LawOutcome.Deny, [id], $"{id}: {text}");
}
