using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests;

/// <summary>Runs one plugin over every pool of a state, as the engine would with no other plugin in front.</summary>
internal static class Candidates
{
    /// <summary>The pools <paramref name="filter"/> keeps out of all pools, by name, in order.</summary>
    public static string[] Passing(IFilterPlugin filter, in PlacementRequest job, ClusterState state, double now = 0)
    {
        var buffer = state.AllPools.ToArray();
        var set = new CandidateSet(buffer, buffer.Length);
        filter.Filter(job, state, now, ref set);
        var names = new string[set.Count];
        for (var i = 0; i < set.Count; i++)
        {
            names[i] = state.Name(set.Pools[i]);
        }

        return names;
    }

    /// <summary>The raw costs <paramref name="score"/> writes for every pool, in pool order.</summary>
    public static double[] Costs(IScorePlugin score, in PlacementRequest job, ClusterState state, double now = 0)
    {
        var n = state.PoolCount;
        var costs = new double[n];
        score.Score(job, state, now, state.Estimate(job, state.AllPools, new int[n], new double[n], new double[n]), costs);
        return costs;
    }
}
