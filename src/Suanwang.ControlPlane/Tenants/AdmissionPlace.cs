using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Tenants;

/// <summary>
/// A request's turn at a tenant's caps. While it is held the tenant's admission lock is taken, so
/// the request alone looks at the backlog (<see cref="Estimate"/>, <see cref="Count"/>), which
/// includes the requests admitted but not yet written; <see cref="Admit"/> then counts this request
/// among those and lets the next request check while this one writes, so one tenant's writes still
/// commit together. Disposing it, after the write, ends its count as pending.
/// </summary>
public sealed class AdmissionPlace : IDisposable
{
    private readonly TenantAdmissions _admissions;
    private int _state; // 0 holding the lock, 1 admitted, 2 done

    internal AdmissionPlace(TenantAdmissions admissions) => _admissions = admissions;

    /// <summary>The tenant's requests admitted in this process whose writes may not have committed yet.</summary>
    private int Pending => Volatile.Read(ref _admissions.Pending);

    /// <summary>
    /// The backlog counted at most <paramref name="freshness"/> ago plus every request admitted
    /// since (or pending then): never less than the store holds as long as this process alone admits
    /// the tenant's work; null when no count is that fresh.
    /// </summary>
    public TenantBacklog? Estimate(DateTimeOffset now, TimeSpan freshness)
    {
        if (_admissions.Counted is not { } counted || now - _admissions.CountedAt > freshness || now < _admissions.CountedAt)
        {
            return null;
        }

        var since = _admissions.Since;
        return new TenantBacklog(counted.QueuedJobs + since, counted.OpenOrders + since);
    }

    /// <summary>Records a count just read from the store; requests pending now may or may not be in it, so they are added.</summary>
    public TenantBacklog Count(TenantBacklog stored, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stored);
        _admissions.Counted = stored;
        _admissions.CountedAt = at;
        _admissions.Since = Pending;
        return new TenantBacklog(stored.QueuedJobs + _admissions.Since, stored.OpenOrders + _admissions.Since);
    }

    /// <summary>Counts this request as pending and admitted, and releases the lock for the next request.</summary>
    public void Admit()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            Interlocked.Increment(ref _admissions.Pending);
            _admissions.Since++;
            _admissions.Lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        switch (Interlocked.Exchange(ref _state, 2))
        {
            case 0:
                _admissions.Lock.Release();
                break;
            case 1:
                Interlocked.Decrement(ref _admissions.Pending);
                break;
        }
    }
}
