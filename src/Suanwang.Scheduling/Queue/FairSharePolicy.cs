using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Queue;

/// <summary>
/// Weighted fair share by dominant resource (Ghodsi et al., "Dominant Resource Fairness", NSDI 2011):
/// each accelerator model is a resource; a tenant's share is its largest fraction of any model's
/// cards, divided by its weight. The tenant with the smallest share goes next; within a tenant, FIFO,
/// or highest priority first when the policy is created so.
/// </summary>
public sealed class FairSharePolicy : IQueuePolicy
{
    private readonly ClusterState _state;
    private readonly double[] _modelCards;
    private readonly Func<int, double> _weight;
    private readonly IComparer<QueuedJob> _withinTenant;
    private readonly Dictionary<int, SortedSet<QueuedJob>> _byTenant = [];
    private readonly Dictionary<int, double[]> _usage = [];
    private readonly PriorityQueue<int, (double Share, int Tenant)> _order = new();
    private readonly Dictionary<int, double> _virtualShare = [];
    private int _count;

    /// <summary>
    /// Creates the policy; <paramref name="weight"/> gives each tenant's weight (default 1). With
    /// <paramref name="priorityWithinTenant"/>, a tenant's own jobs go highest priority first (then
    /// in arrival order): priority orders a tenant's work but never moves it ahead of another tenant's share.
    /// </summary>
    public FairSharePolicy(ClusterState state, Func<int, double>? weight = null, bool priorityWithinTenant = false)
    {
        _state = state;
        _weight = weight ?? (_ => 1.0);
        _withinTenant = priorityWithinTenant
            ? Comparer<QueuedJob>.Create(static (a, b) => a.Request.Priority != b.Request.Priority ? b.Request.Priority.CompareTo(a.Request.Priority) : a.Sequence.CompareTo(b.Sequence))
            : Comparer<QueuedJob>.Create(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        _modelCards = new double[state.Catalog.Count];
        for (var p = 0; p < state.PoolCount; p++)
        {
            _modelCards[state.PoolModel[p]] += state.PoolTotalCards[p];
        }
    }

    /// <inheritdoc />
    public string Name => "fair-share";

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>The tenant's dominant share now, divided by its weight.</summary>
    public double ShareOf(int tenant)
    {
        if (!_usage.TryGetValue(tenant, out var usage))
        {
            return 0;
        }

        double dominant = 0;
        for (var m = 0; m < usage.Length; m++)
        {
            if (_modelCards[m] > 0)
            {
                dominant = Math.Max(dominant, usage[m] / _modelCards[m]);
            }
        }

        return dominant / _weight(tenant);
    }

    /// <inheritdoc />
    public void Enqueue(QueuedJob job)
    {
        var tenant = job.Request.Tenant;
        if (!_byTenant.TryGetValue(tenant, out var jobs))
        {
            jobs = new SortedSet<QueuedJob>(_withinTenant);
            _byTenant[tenant] = jobs;
        }

        if (jobs.Add(job))
        {
            _count++;
        }
    }

    /// <inheritdoc />
    public void Remove(QueuedJob job)
    {
        if (_byTenant.TryGetValue(job.Request.Tenant, out var jobs) && jobs.Remove(job))
        {
            _count--;
            if (jobs.Count == 0)
            {
                _byTenant.Remove(job.Request.Tenant);
            }
        }
    }

    /// <inheritdoc />
    public void Snapshot(List<QueuedJob> into, int max)
    {
        // Interleave tenants as DRF would if every listed job started: after taking a tenant's
        // head, its share grows by that job's dominant share and it goes back in line.
        _order.Clear();
        _virtualShare.Clear();
        var cursors = new Dictionary<int, SortedSet<QueuedJob>.Enumerator>(_byTenant.Count);
        foreach (var (tenant, jobs) in _byTenant)
        {
            var share = ShareOf(tenant);
            _virtualShare[tenant] = share;
            var cursor = jobs.GetEnumerator();
            cursor.MoveNext();
            cursors[tenant] = cursor;
            _order.Enqueue(tenant, (share, tenant));
        }

        while (into.Count < max && _order.TryDequeue(out var tenant, out _))
        {
            var cursor = cursors[tenant];
            var job = cursor.Current;
            into.Add(job);
            var share = _virtualShare[tenant] + (DominantDemand(job) / _weight(tenant));
            _virtualShare[tenant] = share;
            if (cursor.MoveNext())
            {
                _order.Enqueue(tenant, (share, tenant));
            }

            cursors[tenant] = cursor;
        }
    }

    /// <inheritdoc />
    public void Started(QueuedJob job) => Account(job, +1);

    /// <inheritdoc />
    public void Stopped(QueuedJob job) => Account(job, -1);

    private void Account(QueuedJob job, int sign)
    {
        if (job.Allocation is not { } allocation)
        {
            return;
        }

        var tenant = job.Request.Tenant;
        if (!_usage.TryGetValue(tenant, out var usage))
        {
            usage = new double[_modelCards.Length];
            _usage[tenant] = usage;
        }

        usage[_state.PoolModel[allocation.Pool]] += sign * allocation.Cards;
    }

    private double DominantDemand(QueuedJob job)
    {
        // Before placement the model is unknown; the job's demand is its cards over the largest
        // pool of models it accepts, a lower bound on its dominant share.
        double best = 0;
        var mask = job.Request.ModelMask;
        for (var m = 0; m < _modelCards.Length; m++)
        {
            if (((mask >> m) & 1UL) != 0)
            {
                best = Math.Max(best, _modelCards[m]);
            }
        }

        var cards = job.Request.NominalCards;
        return best > 0 ? cards / best : 0;
    }
}
