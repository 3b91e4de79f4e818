namespace Suanwang.Storage.Tokens;

/// <summary>What one billing pass over the unbilled token usage did.</summary>
/// <param name="Records">Usage records billed.</param>
/// <param name="Postings">Ledger postings made.</param>
/// <param name="PostedMinor">Minor units taken from wallets, all postings together.</param>
public sealed record TokenBillingResult(int Records, int Postings, long PostedMinor);
