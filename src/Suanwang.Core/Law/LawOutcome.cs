namespace Suanwang.Core.Law;

/// <summary>The outcome of one rule or one decision.</summary>
public enum LawOutcome
{
    /// <summary>Denied (also the answer to every missing fact and every error).</summary>
    Deny,

    /// <summary>Allowed.</summary>
    Allow,
}
