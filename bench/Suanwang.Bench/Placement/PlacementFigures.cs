using Suanwang.Bench.Common;

namespace Suanwang.Bench.Placement;

/// <summary>What the quick placement run measured for one network size.</summary>
/// <param name="Sites">Sites in the network.</param>
/// <param name="Pools">Pools (site x model) in the network: the candidates a decision sweeps.</param>
/// <param name="PerSecond">Decisions per wall-clock second on one thread, one sample per round.</param>
/// <param name="PerCpuSecond">Decisions per second of CPU time the process got, one sample per round.</param>
/// <param name="BytesPerDecision">Bytes allocated on the deciding thread per decision, over every round.</param>
/// <param name="PlacedShare">Share of the mix that found a pool.</param>
/// <param name="Utilization">Busy cards over all cards in the loaded state.</param>
/// <param name="Digest">Hash of the decisions on the mix (<see cref="PlacementFixture.DecisionDigest"/>).</param>
/// <param name="ScanDigest">Hash of the full scan's decisions on the same mix: equal to <paramref name="Digest"/> when the index chose as the scan does.</param>
public sealed record PlacementFigures(int Sites, int Pools, Samples PerSecond, Samples PerCpuSecond, double BytesPerDecision, double PlacedShare, double Utilization, ulong Digest, ulong ScanDigest)
{
    public double NsPerDecision(double perSecond) => 1e9 / perSecond;
}
