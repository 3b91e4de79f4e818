namespace Suanwang.Protocol.Market;

/// <summary>The outcome of checking every posting (<c>GET /api/v1/ledger/verify</c>).</summary>
/// <param name="Balanced">True when every posting balances and every account equals the sum of its lines.</param>
/// <param name="Postings">Postings checked.</param>
/// <param name="Lines">Lines checked.</param>
/// <param name="Problems">What is wrong, when something is.</param>
public sealed record LedgerCheckView(bool Balanced, long Postings, long Lines, IReadOnlyList<string> Problems);
