namespace Suanwang.Core.Audit;

/// <summary>The kinds of entry the transparency log holds.</summary>
public static class AuditKinds
{
    /// <summary>The scheduler placed a job at a site.</summary>
    public const string Placement = "placement";

    /// <summary>A posting entered the ledger: its id and the hash of its content.</summary>
    public const string Posting = "posting";

    /// <summary>Longest kind name an entry may carry.</summary>
    public const int MaxKindLength = 40;
}
