using System.Globalization;
using Suanwang.ControlPlane.Admission;
using Suanwang.Core.Market;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Market;

namespace Suanwang.ControlPlane.Market;

/// <summary>
/// Reserved blocks: one of the blocks a pool's offer lists, bought for a period from its start.
/// The block is charged in full at once (cards × hours × price, converted to the base currency
/// at the published rate) and, while in force, the scheduler holds its cards for the tenant.
/// </summary>
public sealed partial class OrderDesk
{
    // How far ahead a block may be bought.
    private static readonly TimeSpan s_blockHorizon = TimeSpan.FromDays(90);

    private async Task<Outcome<PlacedOrder>> ForBlockAsync(OrderRequest request, BlockOrder wanted, CancellationToken cancellationToken)
    {
        var tenant = string.IsNullOrWhiteSpace(wanted.Tenant) ? request.Actor.Tenant : wanted.Tenant;
        if (!request.Actor.Sees(tenant))
        {
            return new Refusal(RefusalKind.Forbidden, $"this key acts for tenant '{request.Actor.Tenant}' and may not order for '{tenant}'", "block.tenant");
        }

        if (await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return Refusal.BadField("block.tenant", $"tenant '{tenant}' does not exist");
        }

        // A retry after the block's start has passed still finds its order.
        if (await ReplayAsync(request, tenant, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        if (string.IsNullOrWhiteSpace(wanted.Site))
        {
            return Refusal.BadField("block.site", "required field is missing: the id of the site whose offer lists the block");
        }

        var sites = await store.ListSitesAsync(cancellationToken).ConfigureAwait(false);
        var record = sites.FirstOrDefault(s => s.Id == wanted.Site);
        var site = record is null ? null : directory.SiteOf(record);
        if (site is null)
        {
            return new Refusal(RefusalKind.NotFound, $"site '{wanted.Site}' does not exist", "block.site");
        }

        if (wanted.Pool < 0 || wanted.Pool >= site.Pools.Count)
        {
            return Refusal.BadField("block.pool", Invariant($"site '{site.Id}' has pools 0 to {site.Pools.Count - 1}, not {wanted.Pool}"));
        }

        var pool = site.Pools[wanted.Pool];
        if (wanted.Index < 0 || wanted.Index >= pool.Blocks.Count)
        {
            return Refusal.BadField("block.index", pool.Blocks.Count == 0
                ? Invariant($"pool {wanted.Pool} of site '{site.Id}' offers no reserved blocks")
                : Invariant($"pool {wanted.Pool} of site '{site.Id}' offers blocks 0 to {pool.Blocks.Count - 1}, not {wanted.Index}"));
        }

        var now = time.GetUtcNow();
        var start = wanted.Start ?? now;
        if (start < now)
        {
            return Refusal.BadField("block.start", $"the start {start:u} is in the past; leave it out to start now");
        }

        if (start > now + s_blockHorizon)
        {
            return Refusal.BadField("block.start", Invariant($"the start {start:u} is more than {s_blockHorizon.TotalDays} days ahead"));
        }

        var block = pool.Blocks[wanted.Index];
        if (Market.RateOf(pool.Currency) is not { } rate)
        {
            return Refusal.BadField("block.pool", $"no published rate from {pool.Currency} to {Market.Currency}");
        }

        var charge = MinorUnits.Round(block.Total * rate, Market.Currency);
        if (charge <= 0)
        {
            return Refusal.BadField("block.index", "the block costs nothing; only paid blocks can be ordered");
        }

        var commission = MinorUnits.Round(MinorUnits.ToDecimal(charge, Market.Currency) * Market.CommissionRate, Market.Currency);
        var id = MarketIds.Order();
        var order = new NewOrder(
            id,
            tenant,
            request.Key,
            request.Fingerprint,
            OrderKinds.Block,
            null,
            Market.Currency,
            charge,
            Postings.Block(tenant, id, new ProviderCharge(site.Owner, charge, commission), Market.Currency),
            new NewBlock(site.Id, wanted.Pool, block.Cards, start, start + TimeSpan.FromHours(block.Hours), pool.Cards));
        var result = await store.PlaceOrderAsync(order, null, now, cancellationToken).ConfigureAwait(false);
        if (result.Oversold)
        {
            return new Refusal(
                RefusalKind.Conflict,
                Invariant($"pool {wanted.Pool} of site '{site.Id}' has not {block.Cards} cards left to reserve from {start:u} to {order.Block!.EndsAt:u}: other blocks hold them"),
                "block");
        }

        return await OutcomeAsync(request, result, tenant, charge, "this block costs", cancellationToken).ConfigureAwait(false);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
