namespace Suanwang.Server.Policy;

/// <summary>Body of <c>POST /api/v1/tenants/{id}/filings</c>.</summary>
/// <param name="Kind">security_assessment, standard_contract, certification, scc, bcr, ru_notice, ru_ban or ciio.</param>
/// <param name="Reference">The authority's reference or the document id.</param>
/// <param name="FiledOn">The date it was filed or granted (yyyy-mm-dd).</param>
/// <param name="ExpiresOn">The last day in force (yyyy-mm-dd); required for assessments, contracts, certifications, SCCs and BCRs.</param>
/// <param name="Countries">The recipient countries it covers (ISO 3166-1 alpha-2, at most 50); absent covers any country.</param>
public sealed record FilingBody(string? Kind, string? Reference, string? FiledOn, string? ExpiresOn = null, IReadOnlyList<string>? Countries = null);
