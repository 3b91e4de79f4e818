namespace Suanwang.ControlPlane.Audit;

/// <summary>The transparency log's settings.</summary>
public sealed record AuditOptions
{
    /// <summary>The log's origin line, also its signing key's name: no spaces and no '+'.</summary>
    public string Origin { get; init; } = "suanwang.local/audit";

    /// <summary>How often pending entries are integrated and a new checkpoint signed (when there are any).</summary>
    public TimeSpan IntegrationInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most entries one integration takes; more wait for the next, which follows at once.</summary>
    public int MaxIntegration { get; init; } = 16_384;

    /// <summary>
    /// A file holding the signing key (32 raw bytes, mode 0600), created at first start; null keeps
    /// the key in the store (needed when several servers share one store).
    /// </summary>
    public string? KeyFile { get; init; }

    /// <summary>Why the options cannot be used; null when they can.</summary>
    public string? Problem() =>
        string.IsNullOrEmpty(Origin) || Origin.Length > 200 || Origin.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c))
            ? "audit origin must be 1 to 200 characters without spaces or '+'"
            : IntegrationInterval <= TimeSpan.Zero || IntegrationInterval > TimeSpan.FromSeconds(1)
                ? "audit integration interval must be more than 0 and at most 1 s (a checkpoint at least every second under load)"
                : MaxIntegration is < 1 or > 65_536 ? "audit max integration must be 1 to 65536" : null;
}
