namespace Suanwang.Simulation.Traces;

/// <summary>
/// How an elastic job's speed depends on its cards: the job does <paramref name="Work"/> units of
/// work (iterations for a Pollux job), at <paramref name="Throughput"/>[k] units per second on k
/// cards of the trace's reference model. Progress is counted in work, so a resize keeps what is done.
/// </summary>
/// <param name="MinCards">Fewest cards it runs on.</param>
/// <param name="MaxCards">Most cards it can use.</param>
/// <param name="Work">Work to completion.</param>
/// <param name="Throughput">Work per second at k cards (index k, 0 unused); 0 for a size it cannot run at.</param>
public sealed record ElasticProfile(int MinCards, int MaxCards, double Work, IReadOnlyList<double> Throughput)
{
    /// <summary>A job that runs on exactly <paramref name="cards"/> cards for <paramref name="runtimeSeconds"/>: its work is its run time.</summary>
    public static ElasticProfile Rigid(int cards, double runtimeSeconds)
    {
        var throughput = new double[cards + 1];
        throughput[cards] = 1;
        return new ElasticProfile(cards, cards, runtimeSeconds, throughput);
    }
}
