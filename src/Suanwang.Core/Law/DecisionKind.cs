namespace Suanwang.Core.Law;

/// <summary>What a decision is about.</summary>
public enum DecisionKind
{
    /// <summary>Placing a job's processing in a destination country.</summary>
    Placement,

    /// <summary>Staging a dataset (or a copy) to a site in another country.</summary>
    Transfer,

    /// <summary>Serving a token request in a destination country.</summary>
    Token,

    /// <summary>A what-if question: nothing is recorded or counted.</summary>
    WhatIf,
}
