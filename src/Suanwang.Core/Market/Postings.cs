namespace Suanwang.Core.Market;

/// <summary>The postings the market makes, each balanced by construction.</summary>
public static class Postings
{
    /// <summary>
    /// Money paid in to a tenant's wallet. Paid in the base currency it goes straight in; paid in
    /// another, it passes through the exchange account at the published <paramref name="rate"/>
    /// (base units per unit paid), rounded to the base currency's minor unit.
    /// </summary>
    public static Posting TopUp(string tenant, long amount, string currency, string baseCurrency, decimal rate, string memo)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (currency == baseCurrency)
        {
            return Posting.Create(PostingKinds.TopUp, tenant, null, memo, [
                new PostingLine(Accounts.Funding, currency, -amount),
                new PostingLine(Accounts.Wallet(tenant), currency, amount),
            ]);
        }

        var converted = MinorUnits.Round(MinorUnits.ToDecimal(amount, currency) * rate, baseCurrency);
        if (converted <= 0)
        {
            throw new ArgumentException($"{MinorUnits.Format(amount, currency)} {currency} is less than the smallest unit of {baseCurrency}", nameof(amount));
        }

        return Posting.Create(PostingKinds.TopUp, tenant, null, memo, [
            new PostingLine(Accounts.Funding, currency, -amount),
            new PostingLine(Accounts.Exchange, currency, amount),
            new PostingLine(Accounts.Exchange, baseCurrency, -converted),
            new PostingLine(Accounts.Wallet(tenant), baseCurrency, converted),
        ]);
    }

    /// <summary>Money given back to a tenant out of the platform's revenue.</summary>
    public static Posting Refund(string tenant, long amount, string currency, string memo)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return Posting.Create(PostingKinds.Refund, tenant, null, memo, [
            new PostingLine(Accounts.Revenue, currency, -amount),
            new PostingLine(Accounts.Wallet(tenant), currency, amount),
        ]);
    }

    /// <summary>An order's expected cost moved from the tenant's wallet to its hold.</summary>
    public static Posting Reserve(string tenant, string orderId, long amount, string currency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return Posting.Create(PostingKinds.Reserve, tenant, orderId, $"reserved for order {orderId}", [
            new PostingLine(Accounts.Wallet(tenant), currency, -amount),
            new PostingLine(Accounts.Hold(tenant), currency, amount),
        ]);
    }

    /// <summary>
    /// Settles an order: the whole hold is released; each provider's payable gets its charges less
    /// commission, revenue gets the commission, and what was not charged goes back to the wallet.
    /// </summary>
    public static Posting Settle(string tenant, string orderId, long reserved, IReadOnlyList<ProviderCharge> charges, string currency)
    {
        ArgumentNullException.ThrowIfNull(charges);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reserved);
        var payable = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        long commission = 0;
        foreach (var charge in charges)
        {
            if (charge.Charge < 0 || charge.Commission < 0 || charge.Commission > charge.Charge)
            {
                throw new ArgumentException($"charge for {charge.Owner} is negative or below its commission", nameof(charges));
            }

            total = checked(total + charge.Charge);
            commission = checked(commission + charge.Commission);
            payable[charge.Owner] = payable.GetValueOrDefault(charge.Owner) + charge.Charge - charge.Commission;
        }

        if (total > reserved)
        {
            throw new ArgumentException($"charges of {total} exceed the {reserved} reserved", nameof(charges));
        }

        var lines = new List<PostingLine> { new(Accounts.Hold(tenant), currency, -reserved) };
        foreach (var (owner, amount) in payable)
        {
            if (amount != 0)
            {
                lines.Add(new PostingLine(Accounts.Payable(owner), currency, amount));
            }
        }

        if (commission != 0)
        {
            lines.Add(new PostingLine(Accounts.Revenue, currency, commission));
        }

        if (reserved - total != 0)
        {
            lines.Add(new PostingLine(Accounts.Wallet(tenant), currency, reserved - total));
        }

        return Posting.Create(PostingKinds.Settle, tenant, orderId, $"settled order {orderId}", lines);
    }

    /// <summary>Money paid out to a provider from what it is owed.</summary>
    public static Posting Payout(string owner, long amount, string currency, string memo)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return Posting.Create(PostingKinds.Payout, null, null, memo, [
            new PostingLine(Accounts.Payable(owner), currency, -amount),
            new PostingLine(Accounts.Funding, currency, amount),
        ]);
    }

    /// <summary>A reserved block paid in full from the wallet when ordered: provider share and commission at once.</summary>
    public static Posting Block(string tenant, string orderId, ProviderCharge charge, string currency)
    {
        return Posting.Create(PostingKinds.Block, tenant, orderId, $"reserved block, order {orderId}", WalletToProvider(tenant, charge, currency));
    }

    /// <summary>Tokens paid from the wallet: the owner's share to its payable, the commission to revenue.</summary>
    public static Posting Tokens(string tenant, string model, ProviderCharge charge, string currency)
    {
        return Posting.Create(PostingKinds.Tokens, tenant, null, $"tokens of model {model}", WalletToProvider(tenant, charge, currency));
    }

    // The charge out of the wallet: the owner's share to its payable, the commission to revenue (a zero line left out).
    private static List<PostingLine> WalletToProvider(string tenant, ProviderCharge charge, string currency)
    {
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(charge.Charge);
        var lines = new List<PostingLine> { new(Accounts.Wallet(tenant), currency, -charge.Charge) };
        if (charge.Charge - charge.Commission != 0)
        {
            lines.Add(new PostingLine(Accounts.Payable(charge.Owner), currency, charge.Charge - charge.Commission));
        }

        if (charge.Commission != 0)
        {
            lines.Add(new PostingLine(Accounts.Revenue, currency, charge.Commission));
        }

        return lines;
    }
}
