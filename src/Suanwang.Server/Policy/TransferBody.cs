namespace Suanwang.Server.Policy;

/// <summary>Body of <c>POST /api/v1/datasets/{id}/transfers</c>.</summary>
/// <param name="To">Country code or site id the dataset goes to.</param>
/// <param name="Record">True to record the transfer (and count it when allowed); false or absent for a what-if.</param>
/// <param name="Tenant">The exporter; the key's tenant when absent (an admin may name another).</param>
/// <param name="Exemption">An exemption claimed (CN Provisions Arts 3-5), recorded as claimed.</param>
/// <param name="Purpose">The purpose, checked against the usage policy (and SA Art 29).</param>
/// <param name="OneOff">An occasional transfer.</param>
/// <param name="ManualApproval">An admin approves it by hand (GDPR Art 49); admin keys only.</param>
/// <param name="KeepsCopy">A copy stays at the dataset's site; true when absent.</param>
/// <param name="Consent">The subjects consented or a treaty covers it (KZ Art 16).</param>
public sealed record TransferBody(
    string? To,
    bool? Record = null,
    string? Tenant = null,
    string? Exemption = null,
    string? Purpose = null,
    bool? OneOff = null,
    bool? ManualApproval = null,
    bool? KeepsCopy = null,
    bool? Consent = null);
