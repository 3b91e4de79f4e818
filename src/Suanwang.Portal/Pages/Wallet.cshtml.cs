using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Market;
using Suanwang.Storage.Market;

namespace Suanwang.Portal.Pages;

/// <summary>A tenant's wallet: what it can spend, what open orders hold, and those orders. An admin may look at any tenant's.</summary>
public sealed class WalletModel(ILedgerStore ledger, IOrderStore orders, MarketOptions market) : PortalPage
{
    /// <summary>Open orders listed.</summary>
    public const int MaxOrders = 50;

    /// <summary>Whose wallet.</summary>
    public string Tenant { get; private set; } = "";

    /// <summary>The base currency.</summary>
    public string Currency => market.Currency;

    /// <summary>What the tenant can spend.</summary>
    public decimal Available { get; private set; }

    /// <summary>What open orders hold.</summary>
    public decimal Held { get; private set; }

    /// <summary>The tenant's orders still open, newest first.</summary>
    public IReadOnlyList<OrderRecord> Open { get; private set; } = [];

    /// <summary>Shows the wallet; another tenant's is 403 unless the session is an admin's.</summary>
    public async Task<IActionResult> OnGetAsync(string? tenant, CancellationToken cancellationToken)
    {
        Tenant = string.IsNullOrEmpty(tenant) ? Me.Tenant : tenant;
        if (Tenant.Length > 128)
        {
            return BadRequest("tenant: longer than 128 characters");
        }

        if (!Me.Sees(Tenant))
        {
            return Forbid();
        }

        Available = MinorUnits.ToDecimal((await ledger.GetBalanceAsync(Accounts.Wallet(Tenant), Currency, cancellationToken).ConfigureAwait(false)).Balance, Currency);
        Held = MinorUnits.ToDecimal((await ledger.GetBalanceAsync(Accounts.Hold(Tenant), Currency, cancellationToken).ConfigureAwait(false)).Balance, Currency);
        Open = (await orders.ListOrdersAsync(Tenant, MaxOrders, null, cancellationToken).ConfigureAwait(false))
            .Where(o => o.State == OrderStates.Open)
            .ToList();
        return Page();
    }
}
