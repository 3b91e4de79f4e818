namespace Suanwang.Protocol.Market;

/// <summary>
/// A statement for one tenant or provider over a period (<c>GET /api/v1/tenants/{tenant}/statement</c>,
/// <c>GET /api/v1/providers/{owner}/statement</c>): usage and its charges, and every movement of money.
/// </summary>
/// <param name="Subject">"tenant" or "provider".</param>
/// <param name="Id">Tenant id or provider (site owner) name.</param>
/// <param name="From">Start of the period, inclusive.</param>
/// <param name="To">End of the period, exclusive.</param>
/// <param name="Currency">Base currency of every amount.</param>
/// <param name="Opening">Balance at <paramref name="From"/>: a tenant's wallet and hold, a provider's payable.</param>
/// <param name="Closing">Balance at <paramref name="To"/>.</param>
/// <param name="Usage">Metered runs that ended in the period.</param>
/// <param name="Movements">Postings on the subject's accounts in the period.</param>
/// <param name="Totals">Sums over the period.</param>
/// <param name="Tokens">Token usage per model and site through the token gateway (a tenant's requests, or those a provider's sites served).</param>
public sealed record StatementView(
    string Subject,
    string Id,
    DateTimeOffset From,
    DateTimeOffset To,
    string Currency,
    string Opening,
    string Closing,
    IReadOnlyList<UsageLineView> Usage,
    IReadOnlyList<MovementView> Movements,
    StatementTotals Totals,
    IReadOnlyList<TokenUsageView>? Tokens = null);
