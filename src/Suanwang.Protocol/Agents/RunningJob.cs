namespace Suanwang.Protocol.Agents;

/// <summary>A job an agent is running, with the fence of the dispatch it runs under.</summary>
/// <param name="Job">Job id.</param>
/// <param name="Fence">Fencing token of the dispatch.</param>
public sealed record RunningJob(long Job, long Fence);
