using Suanwang.Storage.Market;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public Task SaveQuoteAsync(QuoteRecord quote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return WriteAsync(
            $"INSERT INTO quotes ({MarketRows.QuoteColumns}) VALUES (@id, @tenant, @spec, @options, @created, @expires) RETURNING id",
            p =>
            {
                p.AddText("id", quote.Id);
                p.AddText("tenant", quote.Tenant);
                p.AddText("spec", quote.Spec);
                p.AddText("options", quote.Options);
                p.AddTime("created", quote.CreatedAt);
                p.AddTime("expires", quote.ExpiresAt);
            },
            PostgresValues.AnyRowAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<QuoteRecord?> GetQuoteAsync(string id, CancellationToken cancellationToken) => ReadAsync(
        $"SELECT {MarketRows.QuoteColumns} FROM quotes WHERE id = @id",
        p => p.AddText("id", id),
        async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false)
            ? MarketRows.ReadQuote(reader, static (r, i) => r.GetFieldValue<DateTimeOffset>(i))
            : null,
        cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteExpiredQuotesAsync(DateTimeOffset before, CancellationToken cancellationToken) => WriteAsync(
        "WITH gone AS (DELETE FROM quotes WHERE expires_at < @before RETURNING 1) SELECT count(*)::integer FROM gone",
        p => p.AddTime("before", before),
        async (reader, ct) =>
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return reader.GetInt32(0);
        },
        cancellationToken);
}
