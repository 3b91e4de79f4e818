namespace Suanwang.Simulation.Traces;

/// <summary>One job read from a workload trace, before it is compiled for a network.</summary>
/// <param name="Name">Job name or id from the trace.</param>
/// <param name="ArrivalSeconds">Submission time, seconds from the trace's first submission.</param>
/// <param name="RuntimeSeconds">Run time on the trace's reference model, seconds.</param>
/// <param name="Cards">Accelerator cards the job used.</param>
/// <param name="Tenant">Tenant (Philly virtual cluster, Pollux application, Alibaba QoS class).</param>
/// <param name="Models">Acceptable catalog model ids; empty for any model.</param>
public sealed record TraceJob(string Name, double ArrivalSeconds, double RuntimeSeconds, int Cards, string Tenant, IReadOnlyList<string> Models)
{
    /// <summary>How the job scales with cards when run elastically (<c>sim --elastic</c>); null when the trace does not say, and it then runs on <see cref="Cards"/> only.</summary>
    public ElasticProfile? Elastic { get; init; }
}
