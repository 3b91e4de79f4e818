namespace Suanwang.Scheduling.Quotes;

/// <summary>One way to run a job: where, when, for how long, at what price and carbon.</summary>
/// <param name="Site">Index of the site in the network.</param>
/// <param name="Pool">Global pool index (<see cref="State.ClusterState"/> order).</param>
/// <param name="Cards">Cards the job's gang takes on that pool.</param>
/// <param name="StartSeconds">Expected start: now when the pool has room now (plus the host's wait estimate for the pool, if it sets one), later when it must wait.</param>
/// <param name="FinishSeconds">Expected end: start + input transfer + run time.</param>
/// <param name="RuntimeSeconds">Expected run time on that pool's model.</param>
/// <param name="TransferSeconds">Expected time to bring the job's inputs to the site.</param>
/// <param name="PricePerCardHour">Price per card-hour in <paramref name="Currency"/>: the spot price when the job is spot.</param>
/// <param name="Currency">The pool's currency.</param>
/// <param name="CostBase">Cards × hours (the time limit when the job has one, else the expected run time) × price × rate to the base currency; not rounded.</param>
/// <param name="KgCo2">Expected CO2: cards × board power × run-time hours × mean grid intensity over the run / 1000.</param>
public sealed record QuoteOption(
    int Site,
    int Pool,
    int Cards,
    double StartSeconds,
    double FinishSeconds,
    double RuntimeSeconds,
    double TransferSeconds,
    decimal PricePerCardHour,
    string Currency,
    decimal CostBase,
    double KgCo2);
