using Suanwang.Core.Jobs;

namespace Suanwang.ControlPlane.Admission;

/// <summary>A spec parsed once and authorised: what every later step (placement check, quote, order, store) uses.</summary>
/// <param name="Spec">The parsed spec.</param>
/// <param name="Text">The text as sent, kept for display and idempotency.</param>
/// <param name="At">When it was admitted.</param>
public sealed record AdmittedSpec(JobSpec Spec, string Text, DateTimeOffset At)
{
    /// <summary><see cref="At"/> in the engine's seconds.</summary>
    public double Now => At.ToUnixTimeMilliseconds() / 1000.0;
}
