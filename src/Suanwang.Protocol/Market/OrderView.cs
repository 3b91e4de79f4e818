namespace Suanwang.Protocol.Market;

/// <summary>An order (<c>POST/GET /api/v1/orders</c>): money reserved (or paid) for a job or a reserved block.</summary>
/// <param name="Id">Order id.</param>
/// <param name="Tenant">The tenant paying.</param>
/// <param name="Kind">"job" or "block".</param>
/// <param name="Job">The job it started, for a job order.</param>
/// <param name="Quote">The quote it took up, if any.</param>
/// <param name="Reserved">Money held from the wallet when ordered (a block: paid in full).</param>
/// <param name="Charged">What the metered usage cost, once settled.</param>
/// <param name="Currency">The server's base currency.</param>
/// <param name="State">"open" until the job ends and it is settled, then "settled".</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="SettledAt">When it was settled.</param>
public sealed record OrderView(
    string Id,
    string Tenant,
    string Kind,
    long? Job,
    string? Quote,
    string Reserved,
    string? Charged,
    string Currency,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SettledAt);
