namespace Suanwang.Server.Policy;

/// <summary>Body of <c>POST /api/v1/policy/evaluate</c>: a what-if question.</summary>
/// <param name="Datasets">Dataset ids.</param>
/// <param name="Destinations">Country codes to ask about; the registered sites' countries when absent.</param>
/// <param name="Tenant">The exporter; the key's tenant when absent (an admin may name another).</param>
/// <param name="Exemption">An exemption claimed.</param>
/// <param name="Purpose">The purpose.</param>
/// <param name="OneOff">An occasional transfer.</param>
/// <param name="KeepsCopy">A copy stays at the dataset's site; true when absent.</param>
/// <param name="Consent">The subjects consented or a treaty covers it.</param>
public sealed record EvaluateBody(
    IReadOnlyList<string>? Datasets,
    IReadOnlyList<string>? Destinations = null,
    string? Tenant = null,
    string? Exemption = null,
    string? Purpose = null,
    bool? OneOff = null,
    bool? KeepsCopy = null,
    bool? Consent = null);
