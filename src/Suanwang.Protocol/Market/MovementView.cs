namespace Suanwang.Protocol.Market;

/// <summary>One posting's effect on a statement's subject.</summary>
/// <param name="Posting">Posting id.</param>
/// <param name="At">When it was posted.</param>
/// <param name="Kind">topup, refund, reserve, settle, payout or block.</param>
/// <param name="Order">The order it belongs to, if any.</param>
/// <param name="Memo">Its note.</param>
/// <param name="Account">The subject's account it moved.</param>
/// <param name="Amount">Change to that account (negative: money out).</param>
public sealed record MovementView(long Posting, DateTimeOffset At, string Kind, string? Order, string Memo, string Account, string Amount);
