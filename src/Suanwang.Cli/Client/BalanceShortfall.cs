using Suanwang.Client;

namespace Suanwang.Cli.Client;

/// <summary>Why an order was refused with 402: the problem's <c>available</c>, <c>required</c> and <c>currency</c> extensions.</summary>
/// <param name="Available">What the tenant may spend now.</param>
/// <param name="Required">What the order would hold.</param>
/// <param name="Currency">The server's base currency.</param>
internal sealed record BalanceShortfall(string Available, string Required, string Currency)
{
    /// <summary>
    /// The shortfall a 402 for an order carries; null for any other failure (other 402s, from a server
    /// that takes jobs only through orders, do not name the amounts).
    /// </summary>
    public static BalanceShortfall? Of(ApiException problem) =>
        problem is { Status: 402, Extensions: var extensions }
            && extensions.TryGetValue("available", out var available)
            && extensions.TryGetValue("required", out var required)
            && extensions.TryGetValue("currency", out var currency)
            ? new BalanceShortfall(available, required, currency)
            : null;

    /// <summary>The one line the CLI shows for it.</summary>
    public string Describe() => $"balance too low: available {Available}, this order holds {Required} {Currency}";
}
