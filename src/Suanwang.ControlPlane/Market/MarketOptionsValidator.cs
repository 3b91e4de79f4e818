using Microsoft.Extensions.Options;

namespace Suanwang.ControlPlane.Market;

/// <summary>Refuses a commission outside 0..1, non-positive rates and non-positive quote and settle periods at start-up.</summary>
public sealed class MarketOptionsValidator : IValidateOptions<MarketOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, MarketOptions options)
    {
        var failures = new List<string>();
        if (options.CommissionRate is < 0 or > 1)
        {
            failures.Add($"the commission rate {options.CommissionRate} is not between 0 and 1");
        }

        if (options.QuoteLifetime <= TimeSpan.Zero || options.SettleInterval <= TimeSpan.Zero)
        {
            failures.Add("the quote lifetime and settle interval must be positive");
        }

        if (options.StopReportWait < TimeSpan.Zero)
        {
            failures.Add("the stop report wait must not be negative");
        }

        foreach (var (currency, rate) in options.ExchangeRates)
        {
            if (rate <= 0)
            {
                failures.Add($"the exchange rate of {currency} must be positive");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
