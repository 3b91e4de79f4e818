namespace Suanwang.Storage.Logs;

/// <summary>A piece of a job's output, in order of <paramref name="Offset"/> (bytes from the start of the log).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Offset">Byte offset of the chunk's first byte.</param>
/// <param name="Text">UTF-8 text (stdout and stderr interleaved as the agent read them).</param>
public sealed record LogChunk(long JobId, long Offset, string Text);
