using Suanwang.Scheduling.Requests;

namespace Suanwang.Simulation.Workload;

/// <summary>A trace compiled for one network: requests in arrival order plus what the bounds need.</summary>
/// <param name="Requests">One request per trace job, in arrival order; <c>JobId</c> is the index.</param>
/// <param name="Tenants">Tenant names by dense index.</param>
/// <param name="AloneSeconds">Each job's run time alone on the fastest pool that could hold it; +inf when none can.</param>
/// <param name="WorkPflopSeconds">Each job's work in PFLOPS x seconds of the reference model.</param>
public sealed record Workload(
    PlacementRequest[] Requests,
    IReadOnlyList<string> Tenants,
    double[] AloneSeconds,
    double[] WorkPflopSeconds);
