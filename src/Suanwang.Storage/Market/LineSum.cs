namespace Suanwang.Storage.Market;

/// <summary>Ledger lines summed per account, posting kind and currency.</summary>
/// <param name="Account">The account.</param>
/// <param name="Kind">The postings' kind.</param>
/// <param name="Currency">The currency.</param>
/// <param name="Lines">How many lines.</param>
/// <param name="Amount">Their sum, minor units.</param>
public sealed record LineSum(string Account, string Kind, string Currency, long Lines, long Amount);
