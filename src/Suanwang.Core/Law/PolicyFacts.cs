namespace Suanwang.Core.Law;

/// <summary>
/// Everything one decision may look at: the export (who, what, from where, to where), the
/// exporter's counters for the year and the filings on record. Countries are
/// <see cref="Sites.CountryCodes"/> indexes (-1 unknown); ids only, no personal data.
/// </summary>
public sealed class PolicyFacts
{
    /// <summary>What the decision is about.</summary>
    public DecisionKind Kind { get; init; }

    /// <summary>The exporter: the tenant whose job or transfer moves the data.</summary>
    public string Tenant { get; init; } = "";

    /// <summary>Ids of the datasets the decision covers.</summary>
    public IReadOnlyList<string> Datasets { get; init; } = [];

    /// <summary>Country the data is held in and whose law governs it (-1 unknown).</summary>
    public int Origin { get; init; } = -1;

    /// <summary>Country the data would be processed or stored in (-1 unknown).</summary>
    public int Destination { get; init; } = -1;

    /// <summary>Countries of the individuals the personal information is about.</summary>
    public CountryMask Subjects { get; init; }

    /// <summary>The data's class.</summary>
    public Classification Classification { get; init; }

    /// <summary>
    /// True when the job's submitter declared the data important or core (a job's <c>inputs[].class</c>)
    /// above its registered class: the declaration raises <see cref="Classification"/>, never lowers it.
    /// </summary>
    public bool Declared { get; init; }

    /// <summary>True when an authority reference backs an important classification (CN Provisions Art 2).</summary>
    public bool AuthorityReference { get; init; }

    /// <summary>True when the exporter is a critical information infrastructure operator.</summary>
    public bool Ciio { get; init; }

    /// <summary>Individuals whose (non-sensitive) personal information this export carries.</summary>
    public long Individuals { get; init; }

    /// <summary>Individuals whose sensitive personal information this export carries.</summary>
    public long Sensitive { get; init; }

    /// <summary>Individuals the exporter already exported this calendar year; -1 when the counter is missing.</summary>
    public long YearIndividuals { get; init; }

    /// <summary>Sensitive individuals the exporter already exported this calendar year; -1 when missing.</summary>
    public long YearSensitive { get; init; }

    /// <summary>The exemption claimed, if any.</summary>
    public Exemption Exemption { get; init; }

    /// <summary>True for an occasional, one-off transfer (never for systematic placement).</summary>
    public bool OneOff { get; init; }

    /// <summary>True when an admin approved this transfer by hand (GDPR Art 49 derogations).</summary>
    public bool ManualApproval { get; init; }

    /// <summary>True when a copy stays at a site in the origin country (KZ Law 94-V Art 12(2)).</summary>
    public bool KeepsCopy { get; init; }

    /// <summary>True when the dataset's usage policy allows this tenant, purpose, place and date.</summary>
    public bool UsagePermits { get; init; } = true;

    /// <summary>CAC security assessment (CN).</summary>
    public FilingState SecurityAssessment { get; init; }

    /// <summary>Filed Chinese standard contract (CN).</summary>
    public FilingState StandardContract { get; init; }

    /// <summary>Personal-information protection certification (CN), or a certification (SA).</summary>
    public FilingState Certification { get; init; }

    /// <summary>Standard contractual clauses (EU Art 46; SA).</summary>
    public FilingState Scc { get; init; }

    /// <summary>Binding corporate rules (EU Art 47; SA binding common rules).</summary>
    public FilingState Bcr { get; init; }

    /// <summary>Cross-border notice to Roskomnadzor (RU Art 12).</summary>
    public FilingState RuNotice { get; init; }

    /// <summary>Working days since the RU notice was filed; -1 when none is on file.</summary>
    public int RuNoticeWorkingDays { get; init; } = -1;

    /// <summary>True when the RU regulator banned transfers to the destination for this exporter.</summary>
    public bool RuBan { get; init; }

    /// <summary>True when the individuals consented to this transfer, or a treaty covers it (KZ Art 16).</summary>
    public bool Consent { get; init; }

    /// <summary>True when the SA transfer has a purpose listed in PDPL Art 29 and a risk assessment where required.</summary>
    public bool SaPurpose { get; init; }

    /// <summary>The decision date (UTC), for rule files' review dates.</summary>
    public DateOnly Today { get; init; }

    /// <summary>Individuals counted this year including this export; -1 when the counter is missing.</summary>
    public long IndividualsYear => YearIndividuals < 0 ? -1 : YearIndividuals + Individuals;

    /// <summary>Sensitive individuals counted this year including this export; -1 when the counter is missing.</summary>
    public long SensitiveYear => YearSensitive < 0 ? -1 : YearSensitive + Sensitive;

    /// <summary>The same facts with another destination.</summary>
    public PolicyFacts To(int destination) => new()
    {
        Kind = Kind, Tenant = Tenant, Datasets = Datasets, Origin = Origin, Destination = destination,
        Subjects = Subjects, Classification = Classification, Declared = Declared, AuthorityReference = AuthorityReference, Ciio = Ciio,
        Individuals = Individuals, Sensitive = Sensitive, YearIndividuals = YearIndividuals, YearSensitive = YearSensitive,
        Exemption = Exemption, OneOff = OneOff, ManualApproval = ManualApproval, KeepsCopy = KeepsCopy, UsagePermits = UsagePermits,
        SecurityAssessment = SecurityAssessment, StandardContract = StandardContract, Certification = Certification,
        Scc = Scc, Bcr = Bcr, RuNotice = RuNotice, RuNoticeWorkingDays = RuNoticeWorkingDays, RuBan = RuBan,
        Consent = Consent, SaPurpose = SaPurpose, Today = Today,
    };
}
