namespace Suanwang.Core.Law;

/// <summary>What the engine answered for one set of facts.</summary>
/// <param name="Outcome">Allow or deny.</param>
/// <param name="Rules">Ids of the rules that decided, in order (one per jurisdiction that applied).</param>
/// <param name="Explanation">Why, with articles; for a denial, what would make it allowed.</param>
public sealed record Verdict(LawOutcome Outcome, IReadOnlyList<string> Rules, string Explanation)
{
    /// <summary>True when allowed.</summary>
    public bool Allowed => Outcome == LawOutcome.Allow;
}
