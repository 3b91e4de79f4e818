using Suanwang.Core.Market;
using Suanwang.Server.Hosting;

namespace Suanwang.Server.Ledger;

/// <summary>The server's currencies: the base currency every wallet is kept in, and the others it publishes rates for.</summary>
internal static class BaseCurrency
{
    /// <summary>Base-currency units per unit of <paramref name="currency"/>, or null when the server publishes no rate for it.</summary>
    public static decimal? RateOf(ServerOptions options, string currency) =>
        currency == options.Currency ? 1m : options.ExchangeRates.TryGetValue(currency, out var rate) ? rate : null;

    /// <summary>The currencies money may be paid in, base first.</summary>
    public static string Accepted(ServerOptions options) =>
        string.Join(", ", new[] { options.Currency }.Concat(options.ExchangeRates.Keys.Order(StringComparer.Ordinal)));

    /// <summary>Minor units of the base currency as the decimal string the API shows.</summary>
    public static string Text(ServerOptions options, long minor) => MinorUnits.Format(minor, options.Currency);
}
