using Suanwang.Core.Jobs;

namespace Suanwang.Storage.Jobs;

/// <summary>A validated job to store as queued: parsed once at admission and stored as data.</summary>
/// <param name="Spec">The parsed spec; stored as its <see cref="JobDocument"/>.</param>
/// <param name="SpecText">The spec text as submitted, kept for display only.</param>
/// <param name="PinnedSite">The site its order pins it to; null for any site.</param>
public sealed record NewJob(JobSpec Spec, string SpecText, string? PinnedSite = null)
{
    /// <summary>Owning tenant id, from the spec.</summary>
    public string Tenant => Spec.Tenant;

    /// <summary>The spec's name.</summary>
    public string Name => Spec.Name;

    /// <summary>The spec's priority.</summary>
    public int Priority => Spec.Priority;

    /// <summary>The spec as stored: its <see cref="JobDocument"/>, written once.</summary>
    public string Document => field ??= JobDocument.Write(Spec);
}
