namespace Suanwang.Protocol.Tenants;

/// <summary>
/// A tenant's abuse limits (<c>GET</c> and <c>PUT /api/v1/tenants/{id}/limits</c>). A PUT replaces
/// them all: a field left out takes its default (docs/security.md, "Abuse limits").
/// </summary>
/// <param name="RequestsPerSecond">Requests per second each of the tenant's keys may send (token bucket refill), 1..1,000,000.</param>
/// <param name="Burst">Requests a key may send at once (token bucket size), 1..1,000,000.</param>
/// <param name="MaxQueuedJobs">Most jobs waiting at once; submissions beyond it get 429, 0..10,000,000.</param>
/// <param name="MaxOpenOrders">Most orders open at once; orders beyond it get 429, 0..10,000,000.</param>
/// <param name="MaxCards">Most cards its running jobs hold at once, 0..1,000,000; further jobs wait. Null or left out: no cap.</param>
/// <param name="MaxPriority">Highest priority its keys may give a job; a higher one gets 400, 0..1,000,000.</param>
public sealed record TenantLimitsView(
    int? RequestsPerSecond = null,
    int? Burst = null,
    int? MaxQueuedJobs = null,
    int? MaxOpenOrders = null,
    int? MaxCards = null,
    int? MaxPriority = null);
