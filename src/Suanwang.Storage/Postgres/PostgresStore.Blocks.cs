using Suanwang.Storage.Market;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<BlockRecord>> ListActiveBlocksAsync(DateTimeOffset at, CancellationToken cancellationToken) => ReadAsync<IReadOnlyList<BlockRecord>>(
        "SELECT order_id, tenant, site, pool, cards, starts_at, ends_at FROM reservations WHERE ends_at > @at AND starts_at <= @at ORDER BY site, pool, order_id",
        p => p.AddTime("at", at),
        async (reader, ct) =>
        {
            var blocks = new List<BlockRecord>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                blocks.Add(new BlockRecord(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    reader.GetInt32(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetFieldValue<DateTimeOffset>(6)));
            }

            return blocks;
        },
        cancellationToken);
}
