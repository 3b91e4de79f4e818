using Suanwang.Core.Accelerators;

namespace Suanwang.Core.Market;

/// <summary>Turns metered card-seconds into work, energy, CO2 and a charge in the base currency's minor unit.</summary>
public static class UsageMeter
{
    // ISO 4217 exponents run from 0 to 4 (CLF, UYW); more would be a caller's mistake.
    private const int MaxMinorDigits = 4;

    /// <summary>
    /// Meters one usage record. The charge is card-hours × price × rate, rounded half to even to
    /// the base currency's minor unit once per record; the commission is that rounded charge ×
    /// the commission rate, rounded the same way. Throws <see cref="ArgumentException"/> for
    /// negative or non-finite usage, a negative price, a rate that is not positive, a commission
    /// rate outside 0..1 or minor digits outside 0..4.
    /// </summary>
    public static UsageCharge Meter(UsageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!double.IsFinite(input.AcceleratorSeconds) || input.AcceleratorSeconds < 0)
        {
            throw new ArgumentException("accelerator seconds must be a finite number at least 0", nameof(input));
        }

        if (input.PricePerCardHour < 0)
        {
            throw new ArgumentException("the price per card-hour may not be negative", nameof(input));
        }

        if (input.RateToBase <= 0)
        {
            throw new ArgumentException("the exchange rate to the base currency must be positive", nameof(input));
        }

        if (input.CommissionRate is < 0 or > 1)
        {
            throw new ArgumentException("the commission rate must lie in 0..1", nameof(input));
        }

        if (input.MinorDigits is < 0 or > MaxMinorDigits)
        {
            throw new ArgumentException($"minor digits must lie in 0..{MaxMinorDigits}", nameof(input));
        }

        if (!double.IsFinite(input.CarbonGramsPerKwh) || input.CarbonGramsPerKwh < 0)
        {
            throw new ArgumentException("carbon intensity must be a finite number at least 0", nameof(input));
        }

        var cardHours = input.AcceleratorSeconds / 3600.0;
        var kwh = cardHours * input.Model.TdpWatts / 1000.0;

        // Seconds to hours in decimal, not through the double above: a charge should not depend on binary fractions.
        var exactCardHours = (decimal)input.AcceleratorSeconds / 3600m;
        var charge = ToMinor(exactCardHours * input.PricePerCardHour * input.RateToBase, input.MinorDigits);
        var commission = (long)Math.Round(charge * input.CommissionRate, MidpointRounding.ToEven);
        return new UsageCharge(
            cardHours,
            StandardUnit.ToPetaflopHours(cardHours, input.Model),
            kwh,
            kwh * input.CarbonGramsPerKwh / 1000.0,
            charge,
            commission);
    }

    /// <summary>An amount in major units as whole minor units, half to even.</summary>
    private static long ToMinor(decimal amount, int digits)
    {
        var scale = 1m;
        for (var i = 0; i < digits; i++)
        {
            scale *= 10m;
        }

        return (long)Math.Round(amount * scale, MidpointRounding.ToEven);
    }
}
