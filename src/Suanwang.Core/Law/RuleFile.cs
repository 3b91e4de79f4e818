namespace Suanwang.Core.Law;

/// <summary>The rules of one jurisdiction, as loaded from its file.</summary>
/// <param name="Jurisdiction">The file's jurisdiction id (CN, EU, RU, KZ, SA, or G0 for the general rules).</param>
/// <param name="Source">The file it came from.</param>
/// <param name="Version">The file's version text.</param>
/// <param name="Checked">When the rules were last checked against the law.</param>
/// <param name="ReviewBy">After this date the file is out of date and its decisions are denied (G0-5).</param>
/// <param name="Countries">The countries whose law the file encodes (empty for G0).</param>
/// <param name="Rules">Rules in order: the first that matches decides (G0: guards, each denies when it matches).</param>
/// <param name="Fallback">G0 only: rules for exports no jurisdiction file covers.</param>
/// <param name="Lists">Named country lists the conditions use, e.g. @adequacy.</param>
/// <param name="Digest">SHA-256 of the file's bytes, hex.</param>
public sealed record RuleFile(
    string Jurisdiction,
    string Source,
    string Version,
    DateOnly Checked,
    DateOnly ReviewBy,
    CountryMask Countries,
    IReadOnlyList<LawRule> Rules,
    IReadOnlyList<LawRule> Fallback,
    IReadOnlyDictionary<string, CountryMask> Lists,
    string Digest);
