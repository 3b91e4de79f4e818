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

    /// <summary>The status of one pool, with a reason when it fails.</summary>
    Status Explain(in PlacementRequest job, ClusterState state, double now, int pool);
}
