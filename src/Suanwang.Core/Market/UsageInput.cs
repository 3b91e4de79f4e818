using Suanwang.Core.Accelerators;

namespace Suanwang.Core.Market;

/// <summary>One metered usage record with the prices and rates it is charged at.</summary>
/// <param name="AcceleratorSeconds">Card-seconds used: cards × seconds held.</param>
/// <param name="Model">The accelerator model the cards were.</param>
/// <param name="PricePerCardHour">Price of one card-hour in the price's currency (spot price for spot work).</param>
/// <param name="RateToBase">Units of the base currency per one unit of the price's currency (1 when they are the same).</param>
/// <param name="MinorDigits">Decimal places of the base currency's minor unit (ISO 4217 exponent: 2 for CNY, 0 for JPY).</param>
/// <param name="CarbonGramsPerKwh">Grid carbon intensity over the run, gCO2/kWh.</param>
/// <param name="CommissionRate">The platform's share of the charge, 0..1.</param>
public sealed record UsageInput(
    double AcceleratorSeconds,
    AcceleratorModel Model,
    decimal PricePerCardHour,
    decimal RateToBase,
    int MinorDigits,
    double CarbonGramsPerKwh,
    decimal CommissionRate);
