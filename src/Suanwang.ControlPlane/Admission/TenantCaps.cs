using System.Globalization;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Admission;

/// <summary>
/// The caps a tenant's own keys meet at admission: the highest priority it may ask for, and how
/// many jobs it may keep waiting and orders open. An admin key acting for a tenant is not capped.
/// Callers hold the tenant's lock (<see cref="TenantLimitsDirectory.LockAsync"/>) from the check
/// to the write, so two requests cannot both take the last place under a cap.
/// </summary>
public sealed class TenantCaps(TenantLimitsDirectory limits, ITenantStore store)
{
    /// <summary>Why <paramref name="actor"/> may not add <paramref name="spec"/> now (a job, or with <paramref name="order"/> an order and its job); null when it may.</summary>
    public async Task<Refusal?> CheckAsync(Actor actor, JobSpec spec, bool order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(spec);
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

        var backlog = await store.GetTenantBacklogAsync(spec.Tenant, cancellationToken).ConfigureAwait(false);
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
