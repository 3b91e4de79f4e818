namespace Suanwang.Storage.Policy;

/// <summary>A filing an admin recorded for a tenant (a security assessment, a standard contract, SCCs, a notice, ...).</summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="Tenant">The tenant (exporter) it belongs to.</param>
/// <param name="Kind">Its kind, e.g. security_assessment.</param>
/// <param name="Reference">The authority's reference or the document's id.</param>
/// <param name="FiledOn">The date it was filed or granted.</param>
/// <param name="ExpiresOn">The last day it is in force; null when it does not expire.</param>
/// <param name="RecordedAt">When the admin recorded it.</param>
public sealed record FilingRecord(long Id, string Tenant, string Kind, string Reference, DateOnly FiledOn, DateOnly? ExpiresOn, DateTimeOffset RecordedAt);
