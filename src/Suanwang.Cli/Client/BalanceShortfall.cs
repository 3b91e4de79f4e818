namespace Suanwang.Cli.Client;

/// <summary>Why an order was refused with 402: the problem's <c>available</c>, <c>required</c> and <c>currency</c> extensions.</summary>
/// <param name="Available">What the tenant may spend now.</param>
/// <param name="Required">What the order would hold.</param>
/// <param name="Currency">The server's base currency.</param>
internal sealed record BalanceShortfall(string Available, string Required, string Currency)
{
    /// <summary>The one line the CLI shows for it.</summary>
    public string Describe() => $"balance too low: available {Available}, this order holds {Required} {Currency}";
}
