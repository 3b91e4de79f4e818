namespace Suanwang.Scheduling.Framework;

/// <summary>
/// What the job would need on each candidate that passed the filters, computed once per
/// decision by the engine so score plugins do not each recompute shape and run time.
/// Spans are parallel to <see cref="Pools"/>.
/// </summary>
public readonly ref struct CandidateEstimates
{
    /// <summary>Wraps the engine's buffers.</summary>
    public CandidateEstimates(ReadOnlySpan<int> pools, ReadOnlySpan<int> cards, ReadOnlySpan<double> runtimeSeconds, ReadOnlySpan<double> transferSeconds)
    {
        Pools = pools;
        Cards = cards;
        RuntimeSeconds = runtimeSeconds;
        TransferSeconds = transferSeconds;
    }

    /// <summary>The candidate pools.</summary>
    public ReadOnlySpan<int> Pools { get; }

    /// <summary>Cards the job's gang takes on each candidate (<c>ClusterState.ShapeOn(...).Cards</c>).</summary>
    public ReadOnlySpan<int> Cards { get; }

    /// <summary>Run time on each candidate (<c>ClusterState.RuntimeOn</c>).</summary>
    public ReadOnlySpan<double> RuntimeSeconds { get; }

    /// <summary>Input transfer time to each candidate (<c>ClusterState.TransferSecondsTo</c>).</summary>
    public ReadOnlySpan<double> TransferSeconds { get; }
}
