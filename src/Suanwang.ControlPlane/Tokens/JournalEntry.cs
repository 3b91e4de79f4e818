using Suanwang.Storage.Tokens;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>A usage record written to the journal and waiting for the store, with the segment it is in.</summary>
internal sealed record JournalEntry(TokenUsageRecord Record, JournalSegment Segment);
