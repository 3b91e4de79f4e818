namespace Suanwang.Storage.Tokens;

/// <summary>An unbilled usage record as billing reads it.</summary>
internal sealed record TokenBillRow(long Id, string Tenant, string Model, string Owner, string Currency, long Nanos);
