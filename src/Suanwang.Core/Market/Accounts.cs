namespace Suanwang.Core.Market;

/// <summary>
/// Names of the ledger's accounts. A tenant's wallet holds its prepaid money and its hold the
/// money reserved for open orders; a provider's payable is what the platform owes it; revenue is
/// the platform's commission; funding is money that came in from (or went out to) the world.
/// </summary>
public static class Accounts
{
    /// <summary>Money received from or paid to the outside world: top-ups in, payouts out.</summary>
    public const string Funding = "platform:funding";

    /// <summary>The platform's commission on charges.</summary>
    public const string Revenue = "platform:revenue";

    /// <summary>Where a payment in one currency becomes another at the published rate.</summary>
    public const string Exchange = "platform:exchange";

    /// <summary>A tenant's prepaid balance available to spend.</summary>
    public static string Wallet(string tenant) => $"tenant:{tenant}:wallet";

    /// <summary>A tenant's money reserved for open orders.</summary>
    public static string Hold(string tenant) => $"tenant:{tenant}:hold";

    /// <summary>What the platform owes a provider (a site owner) for metered usage.</summary>
    public static string Payable(string owner) => $"provider:{owner}:payable";

    /// <summary>Whether the account may never go below zero: a tenant's wallet and hold.</summary>
    public static bool FloorsAtZero(string account) =>
        account.StartsWith("tenant:", StringComparison.Ordinal)
        && (account.EndsWith(":wallet", StringComparison.Ordinal) || account.EndsWith(":hold", StringComparison.Ordinal));
}
