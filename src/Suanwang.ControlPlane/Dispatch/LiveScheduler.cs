using StoredPlacement = Suanwang.Storage.Jobs.Placement;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Networks;
using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Queue;
using Suanwang.Scheduling.Quotes;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sites;
using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// The scheduler loop's in-memory state: the engine's <see cref="Scheduler"/> over the registered
/// sites, kept in step with the store incrementally. Each pass compares the active jobs' stored
/// state and fence with what it last saw and touches only what changed, so a pass over a long
/// queue costs a dictionary lookup per job plus the engine's cycle. Not thread-safe: the loop owns it.
/// </summary>
public sealed partial class LiveScheduler
{
    private readonly DispatchOptions _options;
    private readonly SiteDirectory _directory;
    private readonly Dictionary<long, TrackedJob> _jobs = [];
    private readonly Dictionary<long, JobSpec> _specs = [];
    private readonly Dictionary<string, int> _tenants = new(StringComparer.Ordinal);
    private readonly Dictionary<int, double> _weights = [];
    private readonly Dictionary<string, int> _siteIndex = new(StringComparer.Ordinal);
    private readonly List<long> _gone = [];
    private readonly PassPlan _plan = new();
    private IReadOnlyList<SiteRecord> _sites = [];
    private Network _network = null!;
    private ClusterState _state = null!;
    private Scheduler _scheduler = null!;
    private PlacementEngine _static = null!;
    private SchedulerProfile _profile = null!;
    private Quoter? _quoter;
    private RequestCompiler _compiler = null!;
    private DeviceMap _devices = null!;
    private long _pass;
    private bool _built;

    /// <summary>Creates an empty scheduler; the first <see cref="Sync"/> builds it from the store.</summary>
    public LiveScheduler(IOptions<DispatchOptions> options, SiteDirectory directory)
    {
        _options = options.Value;
        _directory = directory;
    }

    /// <summary>Jobs waiting in the queue.</summary>
    public int Waiting => _built ? _scheduler.Waiting : 0;

    /// <summary>Jobs holding cards.</summary>
    public int Running => _built ? _scheduler.Running : 0;

    /// <summary>Active jobs tracked, including parked ones.</summary>
    public int Tracked => _jobs.Count;

    /// <summary>
    /// The highest job id whose spec the scheduler holds: a pass reads the documents of later jobs
    /// only (<see cref="IJobStore.ListActiveJobsAsync(long, CancellationToken)"/>). Specs are kept
    /// across rebuilds, since a job's spec never changes.
    /// </summary>
    public long SpecsThrough { get; private set; }

    /// <summary>Jobs of <paramref name="active"/> read without their document whose spec the scheduler does not hold; fetch each and <see cref="Remember"/> it.</summary>
    public List<long> LackingSpecs(IReadOnlyList<JobRecord> active)
    {
        var lacking = new List<long>();
        foreach (var record in active)
        {
            if (record.Document is null && !_specs.ContainsKey(record.Id))
            {
                lacking.Add(record.Id);
            }
        }

        return lacking;
    }

    /// <summary>Keeps the spec of a job read with its document.</summary>
    public void Remember(JobRecord record)
    {
        if (record.Document is not null)
        {
            _specs[record.Id] = record.Spec;
            SpecsThrough = Math.Max(SpecsThrough, record.Id);
        }
    }

    /// <summary>Sets tenants' fair-share weights.</summary>
    public void SetTenants(IReadOnlyList<TenantRecord> tenants)
    {
        foreach (var tenant in tenants)
        {
            _weights[TenantIndex(tenant.Id)] = tenant.Weight > 0 ? tenant.Weight : 1;
        }
    }

    /// <summary>Free cards of each site now.</summary>
    public Dictionary<string, int> FreeCards()
    {
        var free = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!_built)
        {
            return free;
        }

        for (var s = 0; s < _state.SiteCount; s++)
        {
            var cards = 0;
            for (var p = _state.SiteFirstPool[s]; p < _state.SiteFirstPool[s + 1]; p++)
            {
                cards += _state.PoolFreeCards[p];
            }

            free[_network.Sites[s].Id] = cards;
        }

        return free;
    }

    /// <summary>
    /// Runs the engine's cycle at <paramref name="now"/> (Unix seconds) and adds its decisions to the
    /// plan <see cref="Sync"/> started. The plan is reused by the next pass.
    /// </summary>
    public PassPlan Cycle(double now)
    {
        if (!_built)
        {
            return _plan;
        }

        Apply(_scheduler.RunCycle(now), now);
        Rebalance(now);
        return _plan;
    }

    /// <summary>The store recorded a planned placement: the job is placed under the next fence.</summary>
    public void Placed(long jobId)
    {
        if (_jobs.TryGetValue(jobId, out var tracked))
        {
            tracked.State = JobState.Placed;
            tracked.Fence++;
            tracked.StartedAt = null;
        }
    }

    /// <summary>The store refused a planned placement (the job moved on): forget the job; the next sync sees what it became.</summary>
    public void Abandon(long jobId)
    {
        if (_jobs.Remove(jobId, out var tracked))
        {
            Detach(tracked);
        }
    }

    private void Rebuild(IReadOnlyList<SiteRecord> sites)
    {
        _sites = sites;
        _network = _directory.Build(sites);
        _state = new ClusterState(_network);
        _compiler = new RequestCompiler(_network);
        _devices = new DeviceMap(_state);
        _siteIndex.Clear();
        for (var s = 0; s < _network.Sites.Count; s++)
        {
            _siteIndex[_network.Sites[s].Id] = s;
        }

        var weights = ObjectiveWeights.ForName(_options.Objective) ?? ObjectiveWeights.ForName("balanced")!.Value;
        if (!QueuePolicies.TryCreate(_options.QueuePolicy, _state, out var queue, out var backfill))
        {
            QueuePolicies.TryCreate("priority", _state, out queue, out backfill);
        }

        if (queue is FairSharePolicy)
        {
            queue = new FairSharePolicy(_state, t => _weights.TryGetValue(t, out var w) ? w : 1, priorityWithinTenant: true);
        }

        _profile = SchedulerProfile.Default(weights, new BestFitPacker());
        _scheduler = new Scheduler(_state, _profile, queue, new SchedulerOptions(backfill));
        // The rules no freeing of cards changes, as the engine's own preemption uses them: where a job could run were others stopped.
        var permanent = _profile.Filters.Where(f => f is AcceleratorFilter or JurisdictionFilter or PinnedSiteFilter or TimeLimitFilter or BudgetFilter).ToList();
        _static = new PlacementEngine(_state, new SchedulerProfile([.. permanent, new GangSizeFilter()], [], _profile.Weights, _profile.Packer));
        _quoter = null;
        _jobs.Clear();
        ClearForbidden();
        _built = true;
    }

    private int TenantIndex(string tenant)
    {
        if (!_tenants.TryGetValue(tenant, out var index))
        {
            index = _tenants.Count;
            _tenants[tenant] = index;
        }

        return index;
    }

    private bool TryCompile(JobRecord record, double now, out PlacementRequest request, out string? reason)
    {
        request = default;
        reason = null;
        try
        {
            // The spec was parsed once, at admission; the record holds it as data.
            request = _compiler.Compile(_specs[record.Id], record.Id, TenantIndex(record.Tenant), record.SubmittedAt.ToUnixTimeMilliseconds() / 1000.0, $"job {record.Id}", record.PinnedSite);
            return WithoutForbidden(ref request, out reason);
        }
        catch (InputException ex)
        {
            reason = ex.Message;
            return false;
        }
    }

    private static int[] NodesOf(Allocation allocation)
    {
        var nodes = new int[allocation.Nodes];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = allocation.Node(i);
        }

        return nodes;
    }

    private void ReleaseDevices(TrackedJob tracked)
    {
        if (tracked.Allocation is { } allocation)
        {
            _devices.Release(allocation, tracked.Devices);
        }

        tracked.Allocation = null;
        tracked.Devices = [];
    }
}
