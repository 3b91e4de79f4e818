using Suanwang.Storage.Market;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    // Whether the blocks overlapping the new one's period on its pool, with it, hold more cards than the pool has.
    // Summing every overlapping block over-counts when two of them do not overlap each other: a
    // cautious bound, exact for the common case of blocks that all share the new one's start.
    private static bool Oversold(SqliteSession session, NewBlock block)
    {
        var sum = session.Command(
            "SELECT coalesce(sum(cards), 0) FROM reservations WHERE site = @site AND pool = @pool AND starts_at < @ends AND ends_at > @starts");
        sum.Bind("@site", block.Site);
        sum.Bind("@pool", block.Pool);
        sum.Bind("@starts", SqliteValues.Time(block.StartsAt));
        sum.Bind("@ends", SqliteValues.Time(block.EndsAt));
        var held = Convert.ToInt64(sum.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return held + block.Cards > block.PoolCards;
    }

    private static void InsertBlock(SqliteSession session, NewOrder order, NewBlock block)
    {
        var insert = session.Command(
            $"INSERT INTO reservations ({MarketRows.BlockColumns}) VALUES (@order, @tenant, @site, @pool, @cards, @starts, @ends)");
        insert.Bind("@order", order.Id);
        insert.Bind("@tenant", order.Tenant);
        insert.Bind("@site", block.Site);
        insert.Bind("@pool", block.Pool);
        insert.Bind("@cards", block.Cards);
        insert.Bind("@starts", SqliteValues.Time(block.StartsAt));
        insert.Bind("@ends", SqliteValues.Time(block.EndsAt));
        insert.ExecuteNonQuery();
    }
}
