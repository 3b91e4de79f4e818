namespace Suanwang.ControlPlane.Audit;

/// <summary>A durable entry waiting for (or past) its integration into the tree.</summary>
/// <param name="Value">The store's sequence number of the entry: grows in commit order.</param>
public readonly record struct AuditTicket(long Value);
