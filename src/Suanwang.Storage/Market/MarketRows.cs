using System.Data.Common;
using System.Globalization;

namespace Suanwang.Storage.Market;

/// <summary>Reads market rows in the column order both dialects select; only how a time is stored differs.</summary>
internal static class MarketRows
{
    /// <summary>The columns <see cref="ReadOrder"/> reads, in order.</summary>
    public const string OrderColumns =
        "id, tenant, idempotency_key, request_hash, kind, quote_id, job_id, currency, reserved, charged, state, created_at, settled_at";

    /// <summary>The columns <see cref="ReadUsage"/> reads, in order.</summary>
    public const string UsageColumns =
        "job_id, fence, tenant, site, pool, cards, accelerator_seconds, price, price_currency, spot, started_at, ended_at, outcome, " +
        "card_hours, petaflop_hours, kwh, kg_co2, charge, commission";

    /// <summary><see cref="OrderColumns"/> of the table aliased <c>o</c>.</summary>
    public const string QualifiedOrderColumns =
        "o.id, o.tenant, o.idempotency_key, o.request_hash, o.kind, o.quote_id, o.job_id, o.currency, o.reserved, o.charged, o.state, o.created_at, o.settled_at";

    /// <summary>The columns <see cref="ReadBlock"/> reads, in order.</summary>
    public const string BlockColumns = "order_id, tenant, site, pool, cards, starts_at, ends_at";

    /// <summary>The columns <see cref="ReadLine"/> reads, in order, of postings <c>p</c> and their lines <c>l</c>.</summary>
    public const string LineColumns = "p.id, p.at, p.kind, p.tenant, p.order_id, p.memo, l.account, l.currency, l.amount";

    /// <summary>The columns <see cref="ReadQuote"/> reads, in order.</summary>
    public const string QuoteColumns = "id, tenant, spec, options, created_at, expires_at";

    /// <summary>The order at the reader's current row, from <paramref name="first"/> on.</summary>
    public static OrderRecord ReadOrder(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time, int first = 0) => new(
        Id: reader.GetString(first),
        Tenant: reader.GetString(first + 1),
        IdempotencyKey: reader.GetString(first + 2),
        RequestHash: reader.GetString(first + 3),
        Kind: reader.GetString(first + 4),
        QuoteId: reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
        JobId: reader.IsDBNull(first + 6) ? null : reader.GetInt64(first + 6),
        Currency: reader.GetString(first + 7),
        Reserved: reader.GetInt64(first + 8),
        Charged: reader.IsDBNull(first + 9) ? null : reader.GetInt64(first + 9),
        State: reader.GetString(first + 10),
        CreatedAt: time(reader, first + 11),
        SettledAt: reader.IsDBNull(first + 12) ? null : time(reader, first + 12));

    /// <summary>The usage row at the reader's current row.</summary>
    public static UsageRecord ReadUsage(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        JobId: reader.GetInt64(0),
        Fence: reader.GetInt64(1),
        Tenant: reader.GetString(2),
        Site: reader.GetString(3),
        Pool: reader.GetInt32(4),
        Cards: reader.GetInt32(5),
        AcceleratorSeconds: reader.GetDouble(6),
        Price: reader.IsDBNull(7) ? null : decimal.Parse(reader.GetString(7), NumberStyles.Number, CultureInfo.InvariantCulture),
        PriceCurrency: reader.IsDBNull(8) ? null : reader.GetString(8),
        Spot: reader.GetBoolean(9),
        StartedAt: reader.IsDBNull(10) ? null : time(reader, 10),
        EndedAt: time(reader, 11),
        Outcome: reader.GetString(12),
        CardHours: NullableDouble(reader, 13),
        PetaflopHours: NullableDouble(reader, 14),
        Kwh: NullableDouble(reader, 15),
        KgCo2: NullableDouble(reader, 16),
        Charge: reader.IsDBNull(17) ? null : reader.GetInt64(17),
        Commission: reader.IsDBNull(18) ? null : reader.GetInt64(18));

    /// <summary>The quote at the reader's current row.</summary>
    public static QuoteRecord ReadQuote(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), time(reader, 4), time(reader, 5));

    /// <summary>The ledger line at the reader's current row: posting id, at, kind, tenant, order, memo, account, currency, amount.</summary>
    public static LedgerLine ReadLine(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        reader.GetInt64(0),
        time(reader, 1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetInt64(8));

    /// <summary>The block at the reader's current row.</summary>
    public static BlockRecord ReadBlock(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), time(reader, 5), time(reader, 6));

    /// <summary>The account at the reader's current row: id, currency, balance, floor_zero.</summary>
    public static AccountBalance ReadBalance(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3));

    /// <summary>A price as stored: invariant decimal text, scale kept.</summary>
    public static string PriceText(decimal price) => price.ToString(CultureInfo.InvariantCulture);

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
