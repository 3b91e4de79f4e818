namespace Suanwang.ControlPlane.Audit;

/// <summary>A proof's hashes, or the parameter that made it impossible and why.</summary>
/// <param name="Hashes">The proof's hashes in order; empty when refused.</param>
/// <param name="Parameter">The query parameter at fault; null when the proof was given.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record AuditProof(IReadOnlyList<byte[]> Hashes, string? Parameter = null, string? Reason = null)
{
    /// <summary>A refusal naming the parameter.</summary>
    public static AuditProof Refused(string parameter, string reason) => new([], parameter, reason);
}
