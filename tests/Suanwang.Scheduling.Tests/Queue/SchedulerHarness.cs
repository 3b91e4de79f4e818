using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Queue;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests.Queue;

/// <summary>
/// A scheduler over an inline network, driven by hand: submit, run a cycle, finish, fail a site.
/// Decisions read as "start 3 on a/H100-SXM", "preempt 2", "evict 1".
/// </summary>
internal sealed class SchedulerHarness
{
    private readonly Dictionary<long, QueuedJob> _jobs = [];

    public SchedulerHarness(string network, string policy = "fifo", bool preemptSpot = true, Func<int, double>? weight = null, double restartSeconds = 0)
    {
        State = Networks.State(network);
        if (!QueuePolicies.TryCreate(policy, State, out var queue, out var backfill, restartSeconds))
        {
            throw new ArgumentException($"unknown policy {policy}", nameof(policy));
        }

        Queue = weight is null ? queue : new FairSharePolicy(State, weight);
        Scheduler = new Scheduler(
            State,
            SchedulerProfile.Default(ObjectiveWeights.ForName("time")!.Value),
            Queue,
            new SchedulerOptions(backfill, preemptSpot, RestartSeconds: restartSeconds));
    }

    public ClusterState State { get; }

    public IQueuePolicy Queue { get; }

    public Scheduler Scheduler { get; }

    public QueuedJob this[long id] => _jobs[id];

    /// <summary>Submits a request that must be accepted.</summary>
    public QueuedJob Submit(PlacementRequest request, double now = 0)
    {
        var job = Scheduler.NewJob(request);
        var reason = Scheduler.Submit(job, now);
        Assert.Null(reason);
        _jobs[request.JobId] = job;
        return job;
    }

    /// <summary>Lets <see cref="WhereIs"/> and the indexer find a job submitted without the harness.</summary>
    public void Track(QueuedJob job) => _jobs[job.Request.JobId] = job;

    /// <summary>Submits each request in turn, then runs one cycle at <paramref name="now"/>.</summary>
    public string[] SubmitAndCycle(double now, params PlacementRequest[] requests)
    {
        foreach (var request in requests)
        {
            Submit(request, now);
        }

        return Cycle(now);
    }

    public string[] Cycle(double now) => Describe(Scheduler.RunCycle(now));

    public void Finish(long id) => Scheduler.Finish(_jobs[id]);

    public void Finish(long id, double now) => Scheduler.Finish(_jobs[id], now);

    public string[] SiteDown(string site) => Describe(Scheduler.SiteDown(State.Network.IndexOf(site)));

    public void SiteUp(string site) => Scheduler.SiteUp(State.Network.IndexOf(site));

    /// <summary>"site/model" where the job runs now, or null while it waits.</summary>
    public string? WhereIs(long id) => _jobs[id].Allocation is { } a ? State.Name(a.Pool) : null;

    public string[] Describe(IReadOnlyList<Decision> decisions) => decisions.Select(Describe).ToArray();

    private string Describe(Decision d) => d.Kind switch
    {
        DecisionKind.Started => $"start {d.Job.Request.JobId} on {State.Name(d.Placement.Pool)}",
        DecisionKind.Preempted => $"preempt {d.Job.Request.JobId}",
        DecisionKind.Evicted => $"evict {d.Job.Request.JobId}",
        DecisionKind.Held => $"hold {d.Job.Request.JobId}",
        _ => $"reject {d.Job.Request.JobId}",
    };
}
