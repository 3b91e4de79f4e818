namespace Suanwang.ControlPlane.Policy;

/// <summary>The kinds of filing an admin records per tenant, and which must carry an expiry date.</summary>
public static class FilingKinds
{
    /// <summary>CAC security assessment (CN Provisions Arts 7, 9: valid 3 years).</summary>
    public const string SecurityAssessment = "security_assessment";

    /// <summary>Filed Chinese standard contract (Provisions Art 8; PIPL Art 38).</summary>
    public const string StandardContract = "standard_contract";

    /// <summary>Personal-information protection certification (PIPL Art 38), or an SA certification.</summary>
    public const string Certification = "certification";

    /// <summary>Standard contractual clauses (GDPR Art 46; SA).</summary>
    public const string Scc = "scc";

    /// <summary>Binding corporate rules (GDPR Art 47; SA binding common rules).</summary>
    public const string Bcr = "bcr";

    /// <summary>Cross-border notice to Roskomnadzor (152-FZ Art 12); its date starts the 10 working days.</summary>
    public const string RuNotice = "ru_notice";

    /// <summary>A ban or restriction by Roskomnadzor on the tenant's transfers.</summary>
    public const string RuBan = "ru_ban";

    /// <summary>The tenant is designated a critical information infrastructure operator (CN).</summary>
    public const string Ciio = "ciio";

    /// <summary>Every kind, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [SecurityAssessment, StandardContract, Certification, Scc, Bcr, RuNotice, RuBan, Ciio];

    /// <summary>True for kinds that are in force only until a date, which the filing must give.</summary>
    public static bool Expires(string kind) => kind is SecurityAssessment or StandardContract or Certification or Scc or Bcr;
}
