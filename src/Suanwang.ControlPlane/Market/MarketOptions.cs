using Suanwang.Core.Market;

namespace Suanwang.ControlPlane.Market;

/// <summary>The market's money rules: base currency, exchange rates, commission, quotes and settlement.</summary>
public sealed class MarketOptions
{
    /// <summary>Base currency prices are compared in.</summary>
    public string Currency { get; set; } = "CNY";

    /// <summary>Units of <see cref="Currency"/> per unit of each other currency a site may price in.</summary>
    public IReadOnlyDictionary<string, decimal> ExchangeRates { get; set; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Share of every charge the platform keeps as commission, 0..1; the rest is owed to the site's owner.</summary>
    public decimal CommissionRate { get; set; } = 0.05m;

    /// <summary>How long a quote may be ordered after it was given.</summary>
    public TimeSpan QuoteLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often open orders whose jobs have ended are looked for and settled.</summary>
    public TimeSpan SettleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the order of a job cancelled while placed waits for its site to report what the
    /// run used, in case the agent had started it: its next heartbeat, its kill grace (10 s by
    /// default) and the report. Then it is settled with what was reported, nothing if nothing was.
    /// </summary>
    public TimeSpan StopReportWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When true, tenant keys start jobs only through paid orders (<c>POST /api/v1/orders</c>);
    /// <c>POST /api/v1/jobs</c> then answers 402 for them. Admin keys may always submit directly.
    /// </summary>
    public bool RequireOrders { get; set; }

    /// <summary>Base-currency units per unit of <paramref name="currency"/>, or null when the server publishes no rate for it.</summary>
    public decimal? RateOf(string currency) =>
        currency == Currency ? 1m : ExchangeRates.TryGetValue(currency, out var rate) ? rate : null;

    /// <summary>The currencies money may be paid in, base first.</summary>
    public string Accepted() =>
        string.Join(", ", new[] { Currency }.Concat(ExchangeRates.Keys.Order(StringComparer.Ordinal)));

    /// <summary>Minor units of the base currency as the decimal string the API shows.</summary>
    public string Text(long minor) => MinorUnits.Format(minor, Currency);
}
