namespace Suanwang.Storage.Policy;

/// <summary>A recorded data-law decision; when it counts, it adds to the exporter's counter for its year.</summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="At">When it was decided.</param>
/// <param name="Tenant">The exporter.</param>
/// <param name="Kind">placement, transfer or token.</param>
/// <param name="Outcome">allow or deny.</param>
/// <param name="Year">The calendar year (UTC) the counter it consumes belongs to.</param>
/// <param name="CountedIndividuals">Individuals it adds to the counter (0 when the export does not happen now).</param>
/// <param name="CountedSensitive">Sensitive individuals it adds to the counter.</param>
/// <param name="Body">The decision's canonical bytes (UTF-8 JSON) as text.</param>
public sealed record DecisionRecord(
    long Id,
    DateTimeOffset At,
    string Tenant,
    string Kind,
    string Outcome,
    int Year,
    long CountedIndividuals,
    long CountedSensitive,
    string Body);
