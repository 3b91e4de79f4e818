using Suanwang.Storage.Market;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string BlockColumns = "order_id, tenant, site, pool, cards, starts_at, ends_at";

    /// <inheritdoc />
    public Task<IReadOnlyList<BlockRecord>> ListActiveBlocksAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var time = SqliteValues.Time(at);
        return ReadAsync<IReadOnlyList<BlockRecord>>(session =>
        {
            var select = session.Command(
                $"SELECT {BlockColumns} FROM reservations WHERE ends_at > @at AND starts_at <= @at ORDER BY site, pool, order_id");
            select.Bind("@at", time);
            var blocks = new List<BlockRecord>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                blocks.Add(new BlockRecord(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    reader.GetInt32(4),
                    SqliteValues.ParseTime(reader.GetString(5)),
                    SqliteValues.ParseTime(reader.GetString(6))));
            }

            return blocks;
        }, cancellationToken);
    }

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
            $"INSERT INTO reservations ({BlockColumns}) VALUES (@order, @tenant, @site, @pool, @cards, @starts, @ends)");
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
