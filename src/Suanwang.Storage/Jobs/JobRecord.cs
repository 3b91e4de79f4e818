using Suanwang.Core.Jobs;

namespace Suanwang.Storage.Jobs;

/// <summary>A job as stored: its spec, its state and where it runs.</summary>
/// <param name="Id">Store-assigned id, increasing with submission.</param>
/// <param name="Tenant">Owning tenant id.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="Document">The parsed spec as stored (<see cref="JobDocument"/>): the source of truth for re-planning and for the agent; see <see cref="Spec"/>. Null only when the reader asked to leave it out (<see cref="IJobStore.ListActiveJobsAsync(long, CancellationToken)"/>).</param>
/// <param name="SpecText">The spec text as submitted (YAML or JSON), for display; null with <paramref name="Document"/>.</param>
/// <param name="State">Current state.</param>
/// <param name="Priority">The spec's priority, copied for ordering in SQL.</param>
/// <param name="Site">Site id once placed; null while queued.</param>
/// <param name="Pool">Pool index within the site once placed.</param>
/// <param name="Nodes">Pool-relative node indices of the allocation; null while queued.</param>
/// <param name="CardsPerNode">Cards on each node of the allocation.</param>
/// <param name="Devices">
/// Device indices on the nodes, flat in allocation order: node i's are entries
/// [i × <paramref name="CardsPerNode"/>, (i + 1) × <paramref name="CardsPerNode"/>); null while queued.
/// </param>
/// <param name="Fence">Fencing token: increases with every placement, so reports from an older dispatch are refused.</param>
/// <param name="SubmittedAt">When it was accepted.</param>
/// <param name="StartedAt">When the agent started the current run.</param>
/// <param name="EndedAt">When it reached a final state.</param>
/// <param name="ExitCode">Process exit code, when it exited.</param>
/// <param name="AcceleratorSeconds">Card-seconds used, summed over runs.</param>
/// <param name="Reason">Why it failed, was cancelled or preempted; null otherwise.</param>
/// <param name="PinnedSite">The site its order pins it to; null for any site.</param>
public sealed record JobRecord(
    long Id,
    string Tenant,
    string Name,
    string? Document,
    string? SpecText,
    JobState State,
    int Priority,
    string? Site,
    int? Pool,
    IReadOnlyList<int>? Nodes,
    int CardsPerNode,
    IReadOnlyList<int>? Devices,
    long Fence,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int? ExitCode,
    double AcceleratorSeconds,
    string? Reason,
    string? PinnedSite)
{
    private JobSpec? _spec;

    /// <summary>The stored document; a copy made with another one parses that one.</summary>
    public string? Document
    {
        get;
        init
        {
            field = value;
            _spec = null;
        }
    } = Document;

    /// <summary>The parsed spec, read from <see cref="Document"/> on first use.</summary>
    /// <exception cref="InvalidOperationException">The record was read without its document.</exception>
    public JobSpec Spec
    {
        get => _spec ??= JobDocument.Read(Document ?? throw new InvalidOperationException($"job {Id} was read without its document"));
        init => _spec = value;
    }

    /// <summary>Equal when every field is, the lists compared by content.</summary>
    public bool Equals(JobRecord? other) =>
        other is not null
        && Id == other.Id
        && Tenant == other.Tenant
        && Name == other.Name
        && Document == other.Document
        && SpecText == other.SpecText
        && State == other.State
        && Priority == other.Priority
        && Site == other.Site
        && Pool == other.Pool
        && SameIndices(Nodes, other.Nodes)
        && CardsPerNode == other.CardsPerNode
        && SameIndices(Devices, other.Devices)
        && Fence == other.Fence
        && SubmittedAt == other.SubmittedAt
        && StartedAt == other.StartedAt
        && EndedAt == other.EndedAt
        && ExitCode == other.ExitCode
        && AcceleratorSeconds.Equals(other.AcceleratorSeconds)
        && Reason == other.Reason
        && PinnedSite == other.PinnedSite;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, State, Fence, Site, SubmittedAt);

    private static bool SameIndices(IReadOnlyList<int>? a, IReadOnlyList<int>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);
}
