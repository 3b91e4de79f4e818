namespace Suanwang.Protocol.Market;

/// <summary>One place a quote offers.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Model">Accelerator model.</param>
/// <param name="Cards">Cards the job would use there.</param>
/// <param name="PricePerCardHour">The pool's price (spot price for spot work), in <paramref name="PriceCurrency"/>.</param>
/// <param name="PriceCurrency">Currency the provider prices in.</param>
/// <param name="Price">Expected cost of the job there, in the base currency.</param>
/// <param name="Reserve">What an order of this option holds (the most it can cost: time limit, capped by budget); null when the job has neither.</param>
/// <param name="ExpectedStart">When it is expected to start.</param>
/// <param name="ExpectedFinish">When it is expected to finish.</param>
/// <param name="KgCo2">Expected emissions, kg CO2.</param>
public sealed record QuoteOptionView(
    string Site,
    int Pool,
    string Model,
    int Cards,
    string PricePerCardHour,
    string PriceCurrency,
    string Price,
    string? Reserve,
    DateTimeOffset ExpectedStart,
    DateTimeOffset ExpectedFinish,
    double KgCo2);
