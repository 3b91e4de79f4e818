namespace Suanwang.Storage.Audit;

/// <summary>The latest signed checkpoint of the log.</summary>
/// <param name="Size">Entries in the tree.</param>
/// <param name="Root">The tree's root hash.</param>
/// <param name="Note">The signed note, as served.</param>
/// <param name="At">When it was signed.</param>
public sealed record AuditHead(long Size, byte[] Root, string Note, DateTimeOffset At);
