using Suanwang.Core.Law;

namespace Suanwang.ControlPlane.Policy;

/// <summary>What the requester says about an export besides the datasets and the destination.</summary>
/// <param name="Exemption">The exemption claimed (recorded as claimed).</param>
/// <param name="Purpose">The purpose, checked against the datasets' usage policies and SA Art 29.</param>
/// <param name="OneOff">An occasional transfer, not systematic.</param>
/// <param name="ManualApproval">An admin approved it by hand (GDPR Art 49); only admins may say so.</param>
/// <param name="KeepsCopy">A copy stays at the dataset's site (RU Art 18(5), KZ Art 12(2), PIPL Art 40).</param>
/// <param name="Consent">The subjects consented, or a treaty covers it (KZ Art 16).</param>
public sealed record ExportOptions(
    Exemption Exemption = Exemption.None,
    string? Purpose = null,
    bool OneOff = false,
    bool ManualApproval = false,
    bool KeepsCopy = true,
    bool Consent = false)
{
    /// <summary>No exemption, no purpose, a copy stays.</summary>
    public static ExportOptions Default { get; } = new();
}
