namespace Suanwang.Core.Law;

/// <summary>One rule of a rule file: when its condition holds, its outcome decides for its jurisdiction.</summary>
/// <param name="Id">Stable id, e.g. CN-3.</param>
/// <param name="Condition">The compiled condition.</param>
/// <param name="ConditionText">The condition as written.</param>
/// <param name="Outcome">Allow or deny.</param>
/// <param name="Citation">The article it encodes, e.g. "Provisions Art 7(2)".</param>
/// <param name="Explain">The explanation given with the decision.</param>
/// <param name="Line">The line of the rule in its file.</param>
public sealed record LawRule(
    string Id,
    Func<PolicyFacts, bool> Condition,
    string ConditionText,
    LawOutcome Outcome,
    string Citation,
    MessageTemplate Explain,
    int Line);
