using Suanwang.Core.Law;
using Suanwang.Core.Sites;
using Suanwang.Storage.Policy;

namespace Suanwang.ControlPlane.Policy;

/// <summary>How a dataset, the tenant's filings and its counter become the engine's facts.</summary>
public sealed partial class DataLaw
{
    /// <summary>Working days (Monday to Friday) from <paramref name="from"/> to <paramref name="to"/>, not counting <paramref name="from"/>.</summary>
    public static int WorkingDays(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            days += d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        return days;
    }

    /// <summary>
    /// The state of the tenant's filings of <paramref name="kind"/> on <paramref name="today"/> that
    /// cover a transfer to <paramref name="destination"/> (a filing without countries covers any;
    /// null destination: every filing of the kind counts).
    /// </summary>
    public static FilingState State(IReadOnlyList<FilingRecord> filings, string kind, DateOnly today, string? destination = null)
    {
        ArgumentNullException.ThrowIfNull(filings);
        var state = FilingState.None;
        foreach (var f in filings)
        {
            if (f.Kind != kind || f.FiledOn > today || (destination is not null && !f.Covers(destination)))
            {
                continue;
            }

            if (f.ExpiresOn is null || today <= f.ExpiresOn)
            {
                return FilingState.Valid;
            }

            state = FilingState.Expired;
        }

        return state;
    }

    private static PolicyFacts Facts(
        DecisionKind kind,
        string tenant,
        Dataset dataset,
        string destination,
        ExportOptions options,
        IReadOnlyList<FilingRecord> filings,
        ExportCounter counter,
        long totalIndividuals,
        long totalSensitive,
        DateOnly today)
    {
        var individuals = dataset.Individuals - dataset.Sensitive;
        // Only the filings that cover this recipient country count (an SCC with a KZ importer does not cover SA).
        var notice = filings.Where(f => f.Kind == FilingKinds.RuNotice && f.FiledOn <= today && f.Covers(destination)).Select(f => (DateOnly?)f.FiledOn).Min();
        return new PolicyFacts
        {
            Kind = kind,
            Tenant = tenant,
            Datasets = [dataset.Id],
            Origin = CountryCodes.IndexOf(dataset.Jurisdiction),
            Destination = CountryCodes.IndexOf(destination),
            Subjects = CountryMask.Of(dataset.Subjects),
            // A declared class raises the registered one, never lowers it.
            Classification = dataset.DeclaredClass > dataset.Classification ? dataset.DeclaredClass.Value : dataset.Classification,
            Declared = dataset.DeclaredClass > dataset.Classification,
            AuthorityReference = dataset.AuthorityReference is not null,
            Ciio = State(filings, FilingKinds.Ciio, today) == FilingState.Valid,
            Individuals = individuals,
            Sensitive = dataset.Sensitive,

            // The other datasets of the same request count as exported with this one.
            YearIndividuals = counter.Individuals + (totalIndividuals - individuals),
            YearSensitive = counter.Sensitive + (totalSensitive - dataset.Sensitive),
            Exemption = options.Exemption,
            OneOff = options.OneOff,
            ManualApproval = options.ManualApproval,
            KeepsCopy = options.KeepsCopy,
            UsagePermits = dataset.Permits(tenant, options.Purpose, destination, today),
            SecurityAssessment = State(filings, FilingKinds.SecurityAssessment, today, destination),
            StandardContract = State(filings, FilingKinds.StandardContract, today, destination),
            Certification = State(filings, FilingKinds.Certification, today, destination),
            Scc = State(filings, FilingKinds.Scc, today, destination),
            Bcr = State(filings, FilingKinds.Bcr, today, destination),
            RuNotice = notice is null ? FilingState.None : FilingState.Valid,
            RuNoticeWorkingDays = notice is { } n ? WorkingDays(n, today) : -1,
            RuBan = State(filings, FilingKinds.RuBan, today, destination) == FilingState.Valid,
            Consent = options.Consent,
            SaPurpose = options.Purpose is not null,
            Today = today,
        };
    }
}
