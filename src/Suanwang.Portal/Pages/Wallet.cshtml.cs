using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Tenants;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Core.Market;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Market;

namespace Suanwang.Portal.Pages;

/// <summary>
/// A tenant's wallet: what it can spend, what open orders hold, those orders and the latest
/// movements of money. An admin may look at any tenant's, and top it up or refund it from here
/// through the same <see cref="WalletDesk"/> as the REST routes.
/// </summary>
public sealed class WalletModel(ILedgerStore ledger, IOrderStore orders, WalletDesk wallets, TokenWallets tokens, MarketOptions market, TimeProvider time) : PortalPage
{
    /// <summary>Open orders listed.</summary>
    public const int MaxOrders = 50;

    /// <summary>Movements listed.</summary>
    public const int MaxMovements = 50;

    /// <summary>How far back movements are listed.</summary>
    public static readonly TimeSpan MovementWindow = TimeSpan.FromDays(90);

    /// <summary>Whose wallet.</summary>
    public string Tenant { get; private set; } = "";

    /// <summary>The base currency.</summary>
    public string Currency => market.Currency;

    /// <summary>The currencies a top-up may be paid in, the base currency first.</summary>
    public IReadOnlyList<string> Currencies => [market.Currency, .. market.ExchangeRates.Keys.Where(c => c != market.Currency).Order(StringComparer.Ordinal)];

    /// <summary>What the tenant can spend.</summary>
    public decimal Available { get; private set; }

    /// <summary>What open orders hold.</summary>
    public decimal Held { get; private set; }

    /// <summary>What the tenant's token requests in flight hold (rounded up to the minor unit).</summary>
    public decimal TokensHeld { get; private set; }

    /// <summary>The tenant's orders still open, newest first.</summary>
    public IReadOnlyList<OrderRecord> Open { get; private set; } = [];

    /// <summary>The latest movements of the tenant's wallet and hold, newest first.</summary>
    public IReadOnlyList<MovementView> Movements { get; private set; } = [];

    /// <summary>The top-up or refund form being answered.</summary>
    [BindProperty]
    public MoneyForm Money { get; set; } = new();

    /// <summary>A new Idempotency-Key for each form shown, so a form posted twice records its money once.</summary>
    public string NewKey { get; } = "portal-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Why a top-up or refund was refused, and which form it came from.</summary>
    public (string Form, Refusal Refusal)? Problem { get; private set; }

    /// <summary>What was just recorded: "topup" or "refund" from the query after a form's redirect.</summary>
    public string? Done { get; private set; }

    /// <summary>Shows the wallet; another tenant's is 403 unless the session is an admin's.</summary>
    public async Task<IActionResult> OnGetAsync(string? tenant, string? done, CancellationToken cancellationToken)
    {
        Done = done is "topup" or "refund" ? done : null;
        return await LoadAsync(tenant, cancellationToken).ConfigureAwait(false) ?? Page();
    }

    /// <summary>Tops the tenant's wallet up (admin), then shows it again.</summary>
    public Task<IActionResult> OnPostTopUpAsync(string? tenant, CancellationToken cancellationToken) =>
        PostAsync(tenant, "topup", cancellationToken);

    /// <summary>Refunds the tenant (admin), then shows the wallet again.</summary>
    public Task<IActionResult> OnPostRefundAsync(string? tenant, CancellationToken cancellationToken) =>
        PostAsync(tenant, "refund", cancellationToken);

    private async Task<IActionResult> PostAsync(string? tenant, string kind, CancellationToken cancellationToken)
    {
        // Money moves on an admin's word only, as on the REST routes: nothing is written for anyone else.
        if (!Me.Admin)
        {
            return Forbid();
        }

        var who = string.IsNullOrEmpty(tenant) ? Me.Tenant : tenant;
        var body = Money.Read(kind == "refund" ? market.Currency : null);
        var posted = body.Refused
            ? body.Refusal!
            : kind == "refund"
                ? await wallets.RefundAsync(who, body.Value!, Money.IdempotencyKey, cancellationToken).ConfigureAwait(false)
                : await wallets.TopUpAsync(who, body.Value!, Money.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        if (posted.Refused)
        {
            Problem = (kind, posted.Refusal!);
            var answer = await LoadAsync(tenant, cancellationToken).ConfigureAwait(false);
            Response.StatusCode = RefusalStatus.Of(posted.Refusal!.Kind);
            return answer ?? Page();
        }

        // Post, then redirect: a reload shows the wallet rather than sending the form again.
        return LocalRedirect($"/wallet?tenant={Uri.EscapeDataString(who)}&done={kind}");
    }

    private async Task<IActionResult?> LoadAsync(string? tenant, CancellationToken cancellationToken)
    {
        Tenant = string.IsNullOrEmpty(tenant) ? Me.Tenant : tenant;
        if (Tenant.Length > 128)
        {
            return BadRequest("tenant: longer than 128 characters");
        }

        if (TenantDirectory.IdProblem(Tenant) is { } problem)
        {
            return BadRequest("tenant: " + problem);
        }

        if (!Me.Sees(Tenant))
        {
            return Forbid();
        }

        // Token requests in flight hold money in the gateway's memory: what they hold is not there to spend.
        var tokensHeld = tokens.HeldMinor(Tenant, Currency);
        TokensHeld = MinorUnits.ToDecimal(tokensHeld, Currency);
        Available = MinorUnits.ToDecimal((await ledger.GetBalanceAsync(Accounts.Wallet(Tenant), Currency, cancellationToken).ConfigureAwait(false)).Balance - tokensHeld, Currency);
        Held = MinorUnits.ToDecimal((await ledger.GetBalanceAsync(Accounts.Hold(Tenant), Currency, cancellationToken).ConfigureAwait(false)).Balance, Currency);
        Open = (await orders.ListOrdersAsync(Tenant, MaxOrders, null, cancellationToken).ConfigureAwait(false))
            .Where(o => o.State == OrderStates.Open)
            .ToList();
        var lines = await ledger.ListLatestLinesAsync($"tenant:{Tenant}:", Currency, time.GetUtcNow() - MovementWindow, MaxMovements, cancellationToken).ConfigureAwait(false);
        Movements = lines
            .Select(l => new MovementView(l.PostingId, l.At, l.Kind, l.OrderId, l.Memo, l.Account, MinorUnits.Format(l.Amount, l.Currency)))
            .ToList();
        return null;
    }
}
