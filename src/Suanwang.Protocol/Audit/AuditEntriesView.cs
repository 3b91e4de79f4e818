namespace Suanwang.Protocol.Audit;

/// <summary>Consecutive entries of the log from <paramref name="From"/>, in index order.</summary>
/// <param name="From">The first entry's index.</param>
/// <param name="Entries">The entries; fewer than asked past the latest checkpoint.</param>
public sealed record AuditEntriesView(long From, IReadOnlyList<AuditEntryView> Entries);
