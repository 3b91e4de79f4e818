using Suanwang.Core.Market;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Market;

namespace Suanwang.Server.Market;

/// <summary>Stored orders as the API shows them.</summary>
internal static class OrderViews
{
    /// <summary>The view of an order.</summary>
    public static OrderView Of(OrderRecord order) => new(
        order.Id,
        order.Tenant,
        order.Kind,
        order.JobId,
        order.QuoteId,
        MinorUnits.Format(order.Reserved, order.Currency),
        order.Charged is { } charged ? MinorUnits.Format(charged, order.Currency) : null,
        order.Currency,
        order.State,
        order.CreatedAt,
        order.SettledAt);
}
