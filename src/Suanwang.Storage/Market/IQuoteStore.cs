namespace Suanwang.Storage.Market;

/// <summary>Quotes a tenant may order against until they expire.</summary>
public interface IQuoteStore
{
    /// <summary>Stores a quote.</summary>
    Task SaveQuoteAsync(QuoteRecord quote, CancellationToken cancellationToken);

    /// <summary>The quote, or null (also when expired quotes were deleted).</summary>
    Task<QuoteRecord?> GetQuoteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes quotes that expired before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteExpiredQuotesAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
