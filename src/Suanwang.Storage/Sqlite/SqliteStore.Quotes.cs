using Suanwang.Storage.Market;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task SaveQuoteAsync(QuoteRecord quote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var created = SqliteValues.Time(quote.CreatedAt);
        var expires = SqliteValues.Time(quote.ExpiresAt);
        return WriteAsync(session =>
        {
            var insert = session.Command($"INSERT INTO quotes ({MarketRows.QuoteColumns}) VALUES (@id, @tenant, @spec, @options, @created, @expires)");
            insert.Bind("@id", quote.Id);
            insert.Bind("@tenant", quote.Tenant);
            insert.Bind("@spec", quote.Spec);
            insert.Bind("@options", quote.Options);
            insert.Bind("@created", created);
            insert.Bind("@expires", expires);
            return insert.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<QuoteRecord?> GetQuoteAsync(string id, CancellationToken cancellationToken) => ReadAsync(session =>
    {
        var select = session.Command($"SELECT {MarketRows.QuoteColumns} FROM quotes WHERE id = @id");
        select.Bind("@id", id);
        using var reader = select.ExecuteReader();
        return reader.Read() ? MarketRows.ReadQuote(reader, static (r, i) => SqliteValues.ParseTime(r.GetString(i))) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteExpiredQuotesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var time = SqliteValues.Time(before);
        return WriteAsync(session =>
        {
            var delete = session.Command("DELETE FROM quotes WHERE expires_at < @before");
            delete.Bind("@before", time);
            return delete.ExecuteNonQuery();
        }, cancellationToken);
    }
}
