namespace Suanwang.Protocol.Market;

/// <summary>A quote (<c>POST /api/v1/quotes</c>): the best places to run a job, with price, times and CO2, orderable until it expires.</summary>
/// <param name="Id">Quote id, to order with <c>{"quote": id}</c>.</param>
/// <param name="Tenant">The tenant it was given to.</param>
/// <param name="CreatedAt">When it was given.</param>
/// <param name="ExpiresAt">After this it can no longer be ordered.</param>
/// <param name="Currency">Base currency of the costs.</param>
/// <param name="Options">Best first.</param>
public sealed record QuoteView(string Id, string Tenant, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Currency, IReadOnlyList<QuoteOptionView> Options);
