namespace Suanwang.Storage;

/// <summary>Times as both dialects keep them: UTC, to the microsecond.</summary>
internal static class StoredTime
{
    /// <summary>The instant as it reads back from the store: UTC, truncated to whole microseconds.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
