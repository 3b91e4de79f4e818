using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Tenants;

/// <summary>
/// One tenant's admission lock, its admitted requests not yet written, and the backlog last
/// counted in the store with what was admitted since, so most checks need no count.
/// </summary>
internal sealed class TenantAdmissions
{
    /// <summary>Held from a request's look at the backlog to its <see cref="AdmissionPlace.Admit"/>.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>Requests admitted whose writes may not have committed; changed with <see cref="Interlocked"/> only.</summary>
    public int Pending;

    /// <summary>The backlog last counted in the store, or null before the first count (under the lock).</summary>
    public TenantBacklog? Counted { get; set; }

    /// <summary>When <see cref="Counted"/> was read (under the lock).</summary>
    public DateTimeOffset CountedAt { get; set; }

    /// <summary>Requests admitted since the count, or pending when it was taken (under the lock).</summary>
    public int Since { get; set; }
}
