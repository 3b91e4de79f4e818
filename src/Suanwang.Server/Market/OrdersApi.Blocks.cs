using System.Globalization;
using Microsoft.AspNetCore.Http;
using Suanwang.Core.Market;
using Suanwang.Protocol.Market;
using Suanwang.Server.Http;
using Suanwang.Server.Ledger;
using Suanwang.Storage.Market;

namespace Suanwang.Server.Market;

/// <summary>
/// Reserved blocks: one of the blocks a pool's offer lists, bought for a period from its start.
/// The block is charged in full at once (cards × hours × price, converted to the base currency
/// at the published rate) and, while in force, the scheduler holds its cards for the tenant.
/// </summary>
internal static partial class OrdersApi
{
    // How far ahead a block may be bought.
    private static readonly TimeSpan s_blockHorizon = TimeSpan.FromDays(90);

    private static async Task<Placed> FromBlockAsync(OrderContext context, BlockOrder request)
    {
        var tenant = string.IsNullOrWhiteSpace(request.Tenant) ? context.Caller.Tenant : request.Tenant;
        if (!context.Caller.Sees(tenant))
        {
            return Placed.Failed(Problems.Forbidden($"this key acts for tenant '{context.Caller.Tenant}' and may not order for '{tenant}'", "block.tenant"));
        }

        if (await context.Store.GetTenantAsync(tenant, context.CancellationToken).ConfigureAwait(false) is null)
        {
            return Placed.Failed(Problems.BadField("block.tenant", $"tenant '{tenant}' does not exist"));
        }

        // A retry after the block's start has passed still finds its order.
        if (await ReplayAsync(context, tenant).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        if (string.IsNullOrWhiteSpace(request.Site))
        {
            return Placed.Failed(Problems.BadField("block.site", "required field is missing: the id of the site whose offer lists the block"));
        }

        var sites = await context.Store.ListSitesAsync(context.CancellationToken).ConfigureAwait(false);
        var record = sites.FirstOrDefault(s => s.Id == request.Site);
        var site = record is null ? null : context.Directory.SiteOf(record);
        if (site is null)
        {
            return Placed.Failed(Problems.Of(StatusCodes.Status404NotFound, "Not found", $"site '{request.Site}' does not exist", "block.site"));
        }

        if (request.Pool < 0 || request.Pool >= site.Pools.Count)
        {
            return Placed.Failed(Problems.BadField("block.pool", Invariant($"site '{site.Id}' has pools 0 to {site.Pools.Count - 1}, not {request.Pool}")));
        }

        var pool = site.Pools[request.Pool];
        if (request.Index < 0 || request.Index >= pool.Blocks.Count)
        {
            return Placed.Failed(Problems.BadField("block.index", pool.Blocks.Count == 0
                ? Invariant($"pool {request.Pool} of site '{site.Id}' offers no reserved blocks")
                : Invariant($"pool {request.Pool} of site '{site.Id}' offers blocks 0 to {pool.Blocks.Count - 1}, not {request.Index}")));
        }

        var now = context.Time.GetUtcNow();
        var start = request.Start ?? now;
        if (start < now)
        {
            return Placed.Failed(Problems.BadField("block.start", $"the start {start:u} is in the past; leave it out to start now"));
        }

        if (start > now + s_blockHorizon)
        {
            return Placed.Failed(Problems.BadField("block.start", Invariant($"the start {start:u} is more than {s_blockHorizon.TotalDays} days ahead")));
        }

        var block = pool.Blocks[request.Index];
        if (context.Market.RateOf(pool.Currency) is not { } rate)
        {
            return Placed.Failed(Problems.BadField("block.pool", $"no published rate from {pool.Currency} to {context.Market.Currency}"));
        }

        var charge = MinorUnits.Round(block.Total * rate, context.Market.Currency);
        if (charge <= 0)
        {
            return Placed.Failed(Problems.BadField("block.index", "the block costs nothing; only paid blocks can be ordered"));
        }

        var commission = MinorUnits.Round(MinorUnits.ToDecimal(charge, context.Market.Currency) * context.Market.CommissionRate, context.Market.Currency);
        var id = MarketIds.Order();
        var order = new NewOrder(
            id,
            tenant,
            context.Key,
            context.Fingerprint,
            OrderKinds.Block,
            null,
            context.Market.Currency,
            charge,
            Postings.Block(tenant, id, new ProviderCharge(site.Owner, charge, commission), context.Market.Currency),
            new NewBlock(site.Id, request.Pool, block.Cards, start, start + TimeSpan.FromHours(block.Hours), pool.Cards));
        var result = await context.Store.PlaceOrderAsync(order, null, now, context.CancellationToken).ConfigureAwait(false);
        if (result.Oversold)
        {
            return Placed.Failed(Problems.Conflict(
                Invariant($"pool {request.Pool} of site '{site.Id}' has not {block.Cards} cards left to reserve from {start:u} to {order.Block!.EndsAt:u}: other blocks hold them"),
                "block"));
        }

        return await OutcomeAsync(context, result, tenant, charge, "this block costs").ConfigureAwait(false);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
