using System.Globalization;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Admission;

/// <summary>
/// The caps a tenant's own keys meet at admission: the highest priority it may ask for, and how
/// many jobs it may keep waiting and orders open. An admin key acting for a tenant is not capped.
/// Callers check inside the tenant's <see cref="AdmissionPlace"/>, which adds the requests admitted
/// but not yet stored, so two requests cannot both take the last place under a cap. The backlog is
/// counted in the store at most every <see cref="CountFreshness"/>, and again whenever the estimate
/// reaches a cap, so a refusal always rests on a fresh count.
/// </summary>
public sealed class TenantCaps(TenantLimitsDirectory limits, ITenantStore store, TimeProvider time)
{
    /// <summary>How long a count of a tenant's backlog, plus what was admitted since, stands in for a new count.</summary>
    public static readonly TimeSpan CountFreshness = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Why <paramref name="actor"/> may not add <paramref name="spec"/> now (a job, or with
    /// <paramref name="order"/> an order and its job), counting the requests <paramref name="place"/>
    /// knows were admitted but not yet stored as both waiting jobs and open orders; null when it may.
    /// </summary>
    public async Task<Refusal?> CheckAsync(Actor actor, JobSpec spec, bool order, AdmissionPlace place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(place);
        if (actor.Admin)
        {
            return null;
        }

        var tenantLimits = await limits.GetAsync(spec.Tenant, cancellationToken).ConfigureAwait(false);
        if (spec.Priority > tenantLimits.MaxPriority)
        {
            return new Refusal(
                RefusalKind.Invalid,
                $"priority {spec.Priority} is above {tenantLimits.MaxPriority}, the highest an admin allows tenant '{spec.Tenant}'",
                "priority",
                Facts: Facts("max_priority", tenantLimits.MaxPriority, null));
        }

        var now = time.GetUtcNow();
        var backlog = place.Estimate(now, CountFreshness);
        if (backlog is null || Reaches(backlog, tenantLimits, order))
        {
            var stored = await store.GetTenantBacklogAsync(spec.Tenant, cancellationToken).ConfigureAwait(false);
            backlog = place.Count(stored, now);
        }

        if (backlog.QueuedJobs >= tenantLimits.MaxQueuedJobs)
        {
            return Reached("max_queued_jobs", $"tenant '{spec.Tenant}' has {backlog.QueuedJobs} jobs waiting, its cap of queued jobs is {tenantLimits.MaxQueuedJobs}; wait for some to start or cancel some", tenantLimits.MaxQueuedJobs, backlog.QueuedJobs);
        }

        if (order && backlog.OpenOrders >= tenantLimits.MaxOpenOrders)
        {
            return Reached("max_open_orders", $"tenant '{spec.Tenant}' has {backlog.OpenOrders} open orders, its cap of open orders is {tenantLimits.MaxOpenOrders}; wait for some to settle", tenantLimits.MaxOpenOrders, backlog.OpenOrders);
        }

        return null;
    }

    private static bool Reaches(TenantBacklog backlog, TenantLimits limits, bool order) =>
        backlog.QueuedJobs >= limits.MaxQueuedJobs || (order && backlog.OpenOrders >= limits.MaxOpenOrders);

    private static Refusal Reached(string cap, string detail, int limit, int current) =>
        new(RefusalKind.LimitReached, detail, cap, Title: "Tenant limit reached", Facts: Facts(cap, limit, current));

    private static Dictionary<string, string> Facts(string cap, int limit, int? current)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["limit"] = cap,
            [cap] = limit.ToString(CultureInfo.InvariantCulture),
        };
        if (current is { } count)
        {
            facts["current"] = count.ToString(CultureInfo.InvariantCulture);
        }

        return facts;
    }
}
