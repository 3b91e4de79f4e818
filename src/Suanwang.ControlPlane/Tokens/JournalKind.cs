namespace Suanwang.ControlPlane.Tokens;

/// <summary>What a record in the usage journal stands for.</summary>
public enum JournalKind : byte
{
    /// <summary>A request's usage as billed: committed to the store.</summary>
    Final = 0,

    /// <summary>What a stream in flight has delivered so far: kept in the journal only, replaced by the stream's next record; billed (as cut) only when the process stopped before the stream ended.</summary>
    Progress = 1,
}
