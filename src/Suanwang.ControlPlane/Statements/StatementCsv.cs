using System.Buffers;
using System.Globalization;
using System.Text;
using Suanwang.Core.Market;
using Suanwang.Storage;
using Suanwang.Storage.Market;

namespace Suanwang.ControlPlane.Statements;

/// <summary>
/// A statement as CSV (RFC 4180): one row per metered run, then one per movement of money, with
/// a <c>record</c> column saying which, then one per model and site of token usage (<c>tokens</c>:
/// requests, prompt, cached and completion tokens and the exact cost in the last five columns); totals come last. Opens in any spreadsheet.
/// </summary>
public static class StatementCsv
{
    private static readonly string[] s_header =
    [
        "record", "job", "run", "tenant", "site", "model", "cards", "spot", "started_at", "ended_at", "outcome",
        "card_hours", "petaflop_hours", "kwh", "kg_co2", "price_per_card_hour", "price_currency", "charge", "commission",
        "posting", "at", "kind", "order", "memo", "account", "amount", "currency",
        "requests", "prompt_tokens", "cached_tokens", "completion_tokens", "token_cost",
    ];

    /// <summary>Runs or movements read from the store at a time, and written out before the next are read.</summary>
    public const int PageRows = 1000;

    private static readonly SearchValues<char> s_quoted = SearchValues.Create(",\"\r\n");
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the statement as UTF-8 CSV (no byte order mark) to <paramref name="body"/>, as <see cref="WriteAsync(IStore, StatementSubject, TextWriter, CancellationToken)"/> does; the stream is left open.</summary>
    public static async Task WriteAsync(IStore store, StatementSubject s, Stream body, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(body, s_utf8, 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await WriteAsync(store, s, writer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the statement as CSV to <paramref name="writer"/>: runs and movements are read a page
    /// at a time and each page is written before the next is read, so memory holds one page whatever
    /// the period holds; the totals row is summed from the rows written.
    /// </summary>
    public static async Task WriteAsync(IStore store, StatementSubject s, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(writer);

        // The closing balance: what the accounts hold now less what was posted after the period.
        var later = (await store.SumLinesAsync(s.AccountPrefix, s.To, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false)).Where(l => l.Currency == s.Currency).Sum(l => l.Amount);
        var now = (await store.ListBalancesAsync(s.AccountPrefix, cancellationToken).ConfigureAwait(false)).Where(b => b.Currency == s.Currency).Sum(b => b.Balance);
        var closing = now - later;

        var csv = new StringBuilder();
        Row(csv, s_header);
        double cardHours = 0, petaflopHours = 0, kwh = 0, co2 = 0;
        long charges = 0, commission = 0;
        var runPages = s.Sites is { Count: 0 }
            ? AsyncEnumerable.Empty<IReadOnlyList<UsageRecord>>()
            : PagesAsync<UsageRecord>(after => store.ListUsageInPeriodAfterAsync(s.Tenant, s.Sites, s.From, s.To, after, PageRows, cancellationToken));
        await foreach (var page in runPages.ConfigureAwait(false))
        {
            foreach (var run in page)
            {
                var u = StatementBuilder.UsageLine(run, s.SiteOf, s.Currency);
                Row(csv, [
                    "usage", Num(u.Job), Num(u.Run), u.Tenant, u.Site, u.Model, Num(u.Cards), u.Spot ? "true" : "false", Time(u.StartedAt), Time(u.EndedAt), u.Outcome,
                    Num(u.CardHours), Num(u.PetaflopHours), Num(u.Kwh), Num(u.KgCo2), u.PricePerCardHour, u.PriceCurrency, u.Charge, u.Commission,
                    null, null, null, null, null, null, null, s.Currency,
                    null, null, null, null, null,
                ]);
                cardHours += u.CardHours;
                petaflopHours += u.PetaflopHours;
                kwh += u.Kwh;
                co2 += u.KgCo2;
                charges += run.Charge ?? 0;
                commission += run.Commission ?? 0;
            }

            await FlushAsync(writer, csv, cancellationToken).ConfigureAwait(false);
        }

        long moved = 0;
        await foreach (var page in PagesAsync<LedgerLine>(after => store.ListLinesAfterAsync(s.AccountPrefix, s.From, s.To, after, PageRows, cancellationToken)).ConfigureAwait(false))
        {
            foreach (var line in page.Where(l => l.Currency == s.Currency))
            {
                var m = StatementBuilder.Movement(line, s.Currency);
                Row(csv, [
                    "movement", null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null,
                    Num(m.Posting), Time(m.At), m.Kind, m.Order, m.Memo, m.Account, m.Amount, s.Currency,
                    null, null, null, null, null,
                ]);
                moved += line.Amount;
            }

            await FlushAsync(writer, csv, cancellationToken).ConfigureAwait(false);
        }

        var tokens = await store.SumTokenUsageAsync(s.Tenant, s.Owner, s.From, s.To, cancellationToken).ConfigureAwait(false);
        foreach (var k in StatementBuilder.TokenLines(tokens, s.Currency))
        {
            Row(csv, [
                "tokens", null, null, s.Tenant, k.Site, k.Model, null, null, null, null, null,
                null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, s.Currency,
                Num(k.Requests), Num(k.PromptTokens), Num(k.CachedTokens), Num(k.CompletionTokens), k.Cost,
            ]);
        }

        Row(csv, [
            "total", null, null, s.Tenant, null, null, null, null, Time(s.From), Time(s.To), null,
            Num(cardHours), Num(petaflopHours), Num(kwh), Num(co2), null, null, MinorUnits.Format(charges, s.Currency), MinorUnits.Format(commission, s.Currency),
            null, null, "closing", null, $"opening {MinorUnits.Format(closing - moved, s.Currency)}", s.Owner, MinorUnits.Format(closing, s.Currency), s.Currency,
            null, null, null, null, null,
        ]);
        await FlushAsync(writer, csv, cancellationToken).ConfigureAwait(false);
    }

    // A keyset-paged read, a page at a time: each page starts after the last row of the one before,
    // until a page comes back short.
    private static async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(Func<T?, Task<IReadOnlyList<T>>> read)
        where T : class
    {
        T? last = null;
        while (true)
        {
            var page = await read(last).ConfigureAwait(false);
            yield return page;
            if (page.Count < PageRows)
            {
                yield break;
            }

            last = page[^1];
        }
    }

    private static async Task FlushAsync(TextWriter writer, StringBuilder csv, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(csv, cancellationToken).ConfigureAwait(false);
        csv.Clear();
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Escape(cells[i]));
        }

        csv.Append("\r\n");
    }

    // Quotes what needs it; a leading = + - @ is prefixed so a spreadsheet never runs a memo as a formula.
    private static string Escape(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        if (cell[0] is '=' or '+' or '@' || (cell[0] == '-' && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().ContainsAny(s_quoted) ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
