namespace Suanwang.Storage.Jobs;

/// <summary>A validated job to store as queued.</summary>
/// <param name="Tenant">Owning tenant id.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="Spec">The spec text as submitted.</param>
/// <param name="Priority">The spec's priority.</param>
/// <param name="PinnedSite">The site its order pins it to; null for any site.</param>
public sealed record NewJob(string Tenant, string Name, string Spec, int Priority, string? PinnedSite = null);
