using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Framework;

/// <summary>
/// A soft preference. It writes a raw cost per candidate (lower is better, in the plugin's own
/// unit); the engine normalises each plugin's costs to scores 0..100 and weights them.
/// </summary>
public interface IScorePlugin : IPlugin
{
    /// <summary>Which objective the plugin's weight comes from.</summary>
    Objective Objective { get; }

    /// <summary>Writes one raw cost per candidate into <paramref name="costs"/>; must not allocate.</summary>
    void Score(in PlacementRequest job, ClusterState state, double now, in CandidateEstimates estimates, Span<double> costs);
}
