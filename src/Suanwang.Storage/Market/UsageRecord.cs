namespace Suanwang.Storage.Market;

/// <summary>
/// One metered run of a job: written by the store in the transaction that ends the run (finish,
/// requeue or cancel of a placed or running job), keyed by the run's fence so it is written once.
/// The figures from <see cref="CardHours"/> on are filled in when the job's order is settled.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Fence">The fence of the run's placement.</param>
/// <param name="Tenant">The job's tenant.</param>
/// <param name="Site">Where it ran.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Cards">Cards it held: nodes × cards per node.</param>
/// <param name="AcceleratorSeconds">Card-seconds of the run (as reported; for a cancel, cards × time since start).</param>
/// <param name="Price">Price per card-hour recorded at placement; null for a job placed before prices were recorded.</param>
/// <param name="PriceCurrency">Currency of <paramref name="Price"/>.</param>
/// <param name="Spot">Whether <paramref name="Price"/> is the spot price.</param>
/// <param name="StartedAt">When the run started; null when it never did.</param>
/// <param name="EndedAt">When the run ended.</param>
/// <param name="Outcome">One of <see cref="UsageOutcomes"/>.</param>
/// <param name="CardHours">Settled: card-hours.</param>
/// <param name="PetaflopHours">Settled: standard-unit P·h.</param>
/// <param name="Kwh">Settled: energy.</param>
/// <param name="KgCo2">Settled: emissions.</param>
/// <param name="Charge">Settled: minor units charged, in the order's currency.</param>
/// <param name="Commission">Settled: minor units of <paramref name="Charge"/> kept by the platform.</param>
public sealed record UsageRecord(
    long JobId,
    long Fence,
    string Tenant,
    string Site,
    int Pool,
    int Cards,
    double AcceleratorSeconds,
    decimal? Price,
    string? PriceCurrency,
    bool Spot,
    DateTimeOffset? StartedAt,
    DateTimeOffset EndedAt,
    string Outcome,
    double? CardHours,
    double? PetaflopHours,
    double? Kwh,
    double? KgCo2,
    long? Charge,
    long? Commission);
