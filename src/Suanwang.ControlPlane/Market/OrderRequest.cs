using Suanwang.ControlPlane.Admission;

namespace Suanwang.ControlPlane.Market;

/// <summary>Who orders and under which idempotency key; the same key and fingerprint find the first order again.</summary>
/// <param name="Actor">Who orders.</param>
/// <param name="Key">The client's Idempotency-Key.</param>
/// <param name="Fingerprint">A hash of the request, so a key reused for another request is refused.</param>
public sealed record OrderRequest(Actor Actor, string Key, string Fingerprint);
