namespace Suanwang.Storage.Market;

/// <summary>The outcome of <see cref="ILedgerStore.VerifyLedgerAsync"/>.</summary>
/// <param name="Balanced">True when no problem was found.</param>
/// <param name="Postings">Postings read.</param>
/// <param name="Lines">Lines read.</param>
/// <param name="Problems">What is wrong, one sentence each (at most 1,000, the last saying how many more).</param>
public sealed record LedgerCheck(bool Balanced, long Postings, long Lines, IReadOnlyList<string> Problems);
