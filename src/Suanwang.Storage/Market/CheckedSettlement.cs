using Suanwang.Core.Market;

namespace Suanwang.Storage.Market;

/// <summary>A settlement as the store receives it, checked against itself before either dialect writes it.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Usage">The usage rows' figures.</param>
/// <param name="Posting">The settlement; null when the order reserved nothing and nothing is charged.</param>
/// <param name="Lines">The posting's lines, sorted; empty without a posting.</param>
/// <param name="Tenant">The settlement's tenant; null without a posting.</param>
/// <param name="Currency">The currency of the hold released; null without a posting.</param>
/// <param name="Release">Minor units the settlement takes from the hold: must be the order's reserve.</param>
/// <param name="Charged">The sum of the usage charges.</param>
internal sealed record CheckedSettlement(
    string OrderId,
    IReadOnlyList<SettledUsage> Usage,
    Posting? Posting,
    PostingLine[] Lines,
    string? Tenant,
    string? Currency,
    long Release,
    long Charged)
{
    /// <summary>Checks the settlement against itself: what needs the stored order is checked in the transaction.</summary>
    /// <exception cref="ArgumentException">It releases no hold, belongs to another order, charges more than it releases, or gives back other than the rest.</exception>
    public static CheckedSettlement Of(string orderId, IReadOnlyList<SettledUsage> usage, Posting? settlement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentNullException.ThrowIfNull(usage);
        long charged = 0;
        var seen = new HashSet<(long, long)>();
        foreach (var row in usage)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(usage));
            if (row.Charge < 0 || row.Commission < 0 || row.Commission > row.Charge)
            {
                throw new ArgumentException($"usage of job {row.JobId} fence {row.Fence} has a negative charge or a commission above it", nameof(usage));
            }

            if (!seen.Add((row.JobId, row.Fence)))
            {
                throw new ArgumentException($"usage of job {row.JobId} fence {row.Fence} is given twice", nameof(usage));
            }

            charged = checked(charged + row.Charge);
        }

        if (settlement is null)
        {
            if (charged != 0)
            {
                throw new ArgumentException("usage is charged but no settlement posting moves the money", nameof(settlement));
            }

            return new CheckedSettlement(orderId, usage, null, [], null, null, 0, 0);
        }

        var lines = PostingRules.Check(settlement);
        if (settlement.OrderId != orderId || settlement.Tenant is not { } tenant)
        {
            throw new ArgumentException($"the settlement is not for order {orderId} of a tenant", nameof(settlement));
        }

        var hold = Accounts.Hold(tenant);
        var release = lines.SingleOrDefault(l => l.Account == hold && l.Amount < 0)
            ?? throw new ArgumentException($"the settlement releases nothing from {hold}", nameof(settlement));
        var wallet = Accounts.Wallet(tenant);
        var refund = lines.FirstOrDefault(l => l.Account == wallet && l.Currency == release.Currency)?.Amount ?? 0;
        if (charged > -release.Amount || refund != -release.Amount - charged)
        {
            throw new ArgumentException(
                $"the settlement releases {-release.Amount} and gives back {refund}, but the usage charges {charged}", nameof(settlement));
        }

        return new CheckedSettlement(orderId, usage, settlement, lines, tenant, release.Currency, -release.Amount, charged);
    }

    /// <summary>The error when the stored order does not match what the settlement releases.</summary>
    public ArgumentException Mismatch(string tenant, string currency, long reserved) => new(
        $"order {OrderId} of {tenant} reserved {reserved} {currency}, but the settlement releases {Release} {Currency ?? currency} of {Tenant ?? tenant}");

    /// <summary>Whether the stored order is the one the settlement releases.</summary>
    public bool Matches(string tenant, string currency, long reserved) =>
        reserved == Release && (Posting is null || (tenant == Tenant && currency == Currency));
}
