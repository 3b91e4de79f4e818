using System.Text.Json;

namespace Suanwang.Core.Law;

/// <summary>
/// One decision as it is recorded: its inputs by id and count, the rule-set version, the rules that
/// decided, the outcome and the explanation. Holds no personal data beyond ids and counts.
/// </summary>
/// <param name="At">When it was decided (UTC).</param>
/// <param name="Kind">What it was about.</param>
/// <param name="Tenant">The exporter's tenant id.</param>
/// <param name="Datasets">Ids of the datasets it covers.</param>
/// <param name="Origin">Country code the data came from.</param>
/// <param name="Destination">Country code it would go to.</param>
/// <param name="Individuals">Individuals in this export (non-sensitive).</param>
/// <param name="Sensitive">Individuals with sensitive information in this export.</param>
/// <param name="IndividualsYear">The exporter's count this year including this export (-1 missing).</param>
/// <param name="SensitiveYear">The exporter's sensitive count this year including this export (-1 missing).</param>
/// <param name="Exemption">The exemption claimed, recorded as claimed.</param>
/// <param name="RuleSet">The rule-set version.</param>
/// <param name="Rules">Ids of the rules that decided.</param>
/// <param name="Outcome">Allow or deny.</param>
/// <param name="Explanation">Why.</param>
public sealed record PolicyDecision(
    DateTimeOffset At,
    DecisionKind Kind,
    string Tenant,
    IReadOnlyList<string> Datasets,
    string Origin,
    string Destination,
    long Individuals,
    long Sensitive,
    long IndividualsYear,
    long SensitiveYear,
    Exemption Exemption,
    string RuleSet,
    IReadOnlyList<string> Rules,
    LawOutcome Outcome,
    string Explanation)
{
    /// <summary>The decision for <paramref name="facts"/> and the engine's <paramref name="verdict"/>.</summary>
    public static PolicyDecision Of(PolicyFacts facts, Verdict verdict, string ruleSet, DateTimeOffset at) => new(
        at.ToUniversalTime(),
        facts.Kind,
        facts.Tenant,
        facts.Datasets,
        FactSchema.Country(facts.Origin),
        FactSchema.Country(facts.Destination),
        facts.Individuals,
        facts.Sensitive,
        facts.IndividualsYear,
        facts.SensitiveYear,
        facts.Exemption,
        ruleSet,
        verdict.Rules,
        verdict.Outcome,
        verdict.Explanation);

    /// <summary>True when allowed.</summary>
    public bool Allowed => Outcome == LawOutcome.Allow;

    /// <summary>True when the export happens now and its individuals add to the exporter's counter.</summary>
    public bool Counted { get; init; }

    /// <summary>
    /// The canonical bytes: UTF-8 JSON, keys in ordinal order, no white space, the time as
    /// yyyy-MM-ddTHH:mm:ss.fffffffZ; the same decision always gives the same bytes.
    /// </summary>
    public byte[] CanonicalBytes()
    {
        using var buffer = new MemoryStream(512);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("at", At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteBoolean("counted", Counted);
            w.WriteStartArray("datasets");
            foreach (var d in Datasets)
            {
                w.WriteStringValue(d);
            }

            w.WriteEndArray();
            w.WriteString("destination", Destination);
            w.WriteString("exemption", FactSchema.SnakeCase(Exemption.ToString()));
            w.WriteString("explanation", Explanation);
            w.WriteNumber("individuals", Individuals);
            w.WriteNumber("individuals_year", IndividualsYear);
            w.WriteString("kind", FactSchema.SnakeCase(Kind.ToString()));
            w.WriteString("origin", Origin);
            w.WriteString("outcome", Allowed ? "allow" : "deny");
            w.WriteString("rule_set", RuleSet);
            w.WriteStartArray("rules");
            foreach (var r in Rules)
            {
                w.WriteStringValue(r);
            }

            w.WriteEndArray();
            w.WriteNumber("sensitive", Sensitive);
            w.WriteNumber("sensitive_year", SensitiveYear);
            w.WriteString("tenant", Tenant);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
