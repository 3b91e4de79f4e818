namespace Suanwang.Protocol.Market;

/// <summary>One metered run on a statement.</summary>
/// <param name="Job">Job id.</param>
/// <param name="Run">Which placement of the job (its fence).</param>
/// <param name="Tenant">Tenant that ran it.</param>
/// <param name="Site">Site it ran on.</param>
/// <param name="Model">Accelerator model, when the site is still registered.</param>
/// <param name="Cards">Cards it held.</param>
/// <param name="Spot">Whether it ran as spot work at the spot price.</param>
/// <param name="StartedAt">When it started, if it did.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Outcome">succeeded, failed, preempted, cancelled or lost.</param>
/// <param name="CardHours">Accelerator card-hours.</param>
/// <param name="PetaflopHours">The same in P·h.</param>
/// <param name="Kwh">Energy, kWh at the cards' rated power.</param>
/// <param name="KgCo2">Emissions at the site's grid intensity over the run.</param>
/// <param name="PricePerCardHour">Price in force when placed, in <paramref name="PriceCurrency"/>.</param>
/// <param name="PriceCurrency">Currency of the price.</param>
/// <param name="Charge">What it cost in the base currency; null until its order is settled.</param>
/// <param name="Commission">The platform's part of the charge; null until settled.</param>
public sealed record UsageLineView(
    long Job,
    long Run,
    string Tenant,
    string Site,
    string? Model,
    int Cards,
    bool Spot,
    DateTimeOffset? StartedAt,
    DateTimeOffset EndedAt,
    string Outcome,
    double CardHours,
    double PetaflopHours,
    double Kwh,
    double KgCo2,
    string? PricePerCardHour,
    string? PriceCurrency,
    string? Charge,
    string? Commission);
