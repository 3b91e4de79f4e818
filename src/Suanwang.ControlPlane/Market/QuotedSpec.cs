using Suanwang.Protocol.Market;
using Suanwang.Storage.Market;

namespace Suanwang.ControlPlane.Market;

/// <summary>A quote as kept, with its options as the API shows them.</summary>
/// <param name="Record">The stored quote.</param>
/// <param name="Options">Its options, best first.</param>
public sealed record QuotedSpec(QuoteRecord Record, IReadOnlyList<QuoteOptionView> Options);
