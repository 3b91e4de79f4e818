namespace Suanwang.Storage.Market;

/// <summary>One line of a posting, with its posting's details: a row of a statement.</summary>
/// <param name="PostingId">The posting.</param>
/// <param name="At">When it was posted.</param>
/// <param name="Kind">The posting's kind.</param>
/// <param name="Tenant">The posting's tenant, if any.</param>
/// <param name="OrderId">The posting's order, if any.</param>
/// <param name="Memo">The posting's memo.</param>
/// <param name="Account">The line's account.</param>
/// <param name="Currency">The line's currency.</param>
/// <param name="Amount">Minor units added to the account (negative: taken away).</param>
public sealed record LedgerLine(long PostingId, DateTimeOffset At, string Kind, string? Tenant, string? OrderId, string Memo, string Account, string Currency, long Amount);
