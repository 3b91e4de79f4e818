using System.Collections.Concurrent;
using Suanwang.ControlPlane.Admission;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Tenants;

/// <summary>
/// Each tenant's abuse limits, as an admin set them or the defaults, read on every request and
/// so kept in memory: an admin's change takes effect at once on this server, and on other servers
/// sharing the store within <see cref="Freshness"/>. Also each tenant's admission place
/// (<see cref="EnterAsync"/>), so two requests cannot both pass a cap.
/// </summary>
public sealed class TenantLimitsDirectory(ITenantStore store, TimeProvider time)
{
    /// <summary>How long a tenant's limits read from the store are used before they are read again.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    /// <summary>Most requests per second an admin may allow a key.</summary>
    public const int MaxRequestsPerSecond = 1_000_000;

    /// <summary>Most tokens an admin may give a key's bucket.</summary>
    public const int MaxBurst = 1_000_000;

    /// <summary>Most queued jobs or open orders an admin may allow a tenant.</summary>
    public const int MaxBacklog = 10_000_000;

    /// <summary>Most concurrent cards an admin may cap a tenant at.</summary>
    public const int MaxCards = 1_000_000;

    /// <summary>The highest priority a job spec may ask for, and so a tenant's highest maximum.</summary>
    public const int MaxPriority = 1_000_000;

    // Tenants are created by admins only, so both maps stay as small as the tenant table.
    private readonly ConcurrentDictionary<string, (TenantLimits Limits, DateTimeOffset ReadAt)> _limits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TenantAdmissions> _admissions = new(StringComparer.Ordinal);

    /// <summary>The tenant's limits now: those an admin set, else <see cref="TenantLimits.Default"/>.</summary>
    public async ValueTask<TenantLimits> GetAsync(string tenant, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_limits.TryGetValue(tenant, out var known) && now - known.ReadAt < Freshness)
        {
            return known.Limits;
        }

        var limits = await store.GetTenantLimitsAsync(tenant, cancellationToken).ConfigureAwait(false) ?? TenantLimits.Default;
        _limits[tenant] = (limits, now);
        return limits;
    }

    /// <summary>Sets the tenant's limits; refused when the tenant does not exist or a value is out of range (naming the field).</summary>
    public async Task<Outcome<TenantLimits>> SetAsync(string tenant, TenantLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (Invalid(limits) is { } refusal)
        {
            return refusal;
        }

        if (!await store.SetTenantLimitsAsync(tenant, limits, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return new Refusal(RefusalKind.NotFound, $"tenant '{tenant}' does not exist");
        }

        _limits[tenant] = (limits, time.GetUtcNow());
        return limits;
    }

    /// <summary>Waits for the tenant's turn to check its caps; see <see cref="AdmissionPlace"/>.</summary>
    public async Task<AdmissionPlace> EnterAsync(string tenant, CancellationToken cancellationToken)
    {
        var admissions = _admissions.GetOrAdd(tenant, static _ => new TenantAdmissions());
        await admissions.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new AdmissionPlace(admissions);
    }

    private static Refusal? Invalid(TenantLimits limits) =>
        OutOfRange("requests_per_second", limits.RequestsPerSecond, 1, MaxRequestsPerSecond)
        ?? OutOfRange("burst", limits.Burst, 1, MaxBurst)
        ?? OutOfRange("max_queued_jobs", limits.MaxQueuedJobs, 0, MaxBacklog)
        ?? OutOfRange("max_open_orders", limits.MaxOpenOrders, 0, MaxBacklog)
        ?? (limits.MaxCards is { } cards ? OutOfRange("max_cards", cards, 0, MaxCards) : null)
        ?? OutOfRange("max_priority", limits.MaxPriority, 0, MaxPriority);

    private static Refusal? OutOfRange(string field, int value, int least, int most) =>
        value < least || value > most ? Refusal.BadField(field, $"{field} must be a whole number from {least} to {most}, not {value}") : null;
}
