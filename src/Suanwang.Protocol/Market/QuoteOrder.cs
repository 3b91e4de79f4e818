namespace Suanwang.Protocol.Market;

/// <summary>An order body that takes up a quote (<c>POST /api/v1/orders</c> as JSON), or buys a reserved block.</summary>
/// <param name="Quote">Quote id from <c>POST /api/v1/quotes</c>.</param>
/// <param name="Option">Which of the quote's options, counting from 0; the best (0) when left out.</param>
/// <param name="Block">A reserved block to buy instead of a quote.</param>
public sealed record QuoteOrder(string? Quote = null, int? Option = null, BlockOrder? Block = null);
