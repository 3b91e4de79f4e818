namespace Suanwang.Core.Audit;

/// <summary>The kinds of entry the transparency log holds.</summary>
public static class AuditKinds
{
    /// <summary>The scheduler placed a job at a site.</summary>
    public const string Placement = "placement";

    /// <summary>A posting entered the ledger: its id and the hash of its content.</summary>
    public const string Posting = "posting";

    /// <summary>A data-law decision (allow or deny) with its inputs by id, rule version and outcome; written by the store with the decision.</summary>
    public const string Decision = "decision";

    /// <summary>Longest kind name an entry may carry.</summary>
    public const int MaxKindLength = 40;
}
