namespace Suanwang.Agent.Journal;

/// <summary>One dispatch of a job: the job and the fence it was dispatched under.</summary>
/// <param name="Job">Job id.</param>
/// <param name="Fence">Fencing token of the dispatch.</param>
internal readonly record struct RunKey(long Job, long Fence);
