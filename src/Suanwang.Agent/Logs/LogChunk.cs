namespace Suanwang.Agent.Logs;

/// <summary>A piece of a job's output.</summary>
/// <param name="Offset">Byte offset of its first byte in the output file.</param>
/// <param name="Text">The bytes as text.</param>
/// <param name="Bytes">How many bytes of the file it covers.</param>
internal sealed record LogChunk(long Offset, string Text, int Bytes);
