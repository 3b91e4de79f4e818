using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Framework;

/// <summary>
/// A hard rule. <see cref="Filter"/> runs over every candidate pool at once and keeps those that
/// pass; <see cref="Explain"/> says why one pool fails, and runs only when a job cannot be placed.
/// </summary>
public interface IFilterPlugin : IPlugin
{
    /// <summary>Removes failing pools from <paramref name="candidates"/>; must not allocate.</summary>
    void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates);

    /// <summary>
    /// Whether one pool passes, exactly as <see cref="Filter"/> would decide it; must not allocate.
    /// The placement index asks pool by pool; the default runs <see cref="Filter"/> on the pool alone.
    /// </summary>
    bool Passes(in PlacementRequest job, ClusterState state, double now, int pool)
    {
        Span<int> one = [pool];
        var set = new CandidateSet(one, 1);
        Filter(job, state, now, ref set);
        return set.Count == 1;
    }

    /// <summary>The status of one pool, with a reason when it fails.</summary>
    Status Explain(in PlacementRequest job, ClusterState state, double now, int pool);
}
