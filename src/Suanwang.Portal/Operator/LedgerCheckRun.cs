using Suanwang.Storage.Market;

namespace Suanwang.Portal.Operator;

/// <summary>One finished ledger check: when it started, how long it took, and what it found.</summary>
/// <param name="At">When it started (it saw the ledger as of then).</param>
/// <param name="Took">How long it ran.</param>
/// <param name="Check">Its result: balanced or not, postings, lines and problems.</param>
public sealed record LedgerCheckRun(DateTimeOffset At, TimeSpan Took, LedgerCheck Check);
