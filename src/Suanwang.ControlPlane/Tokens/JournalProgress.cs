namespace Suanwang.ControlPlane.Tokens;

/// <summary>Where a stream's last progress record is in the usage journal; its next record supersedes it.</summary>
public sealed class JournalProgress
{
    internal JournalProgress(JournalSegment segment) => Segment = segment;

    internal JournalSegment Segment { get; }
}
