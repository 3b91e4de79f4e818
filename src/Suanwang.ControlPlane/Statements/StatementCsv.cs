using System.Globalization;
using System.Text;
using Suanwang.Protocol.Market;

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

    /// <summary>The statement as CSV text.</summary>
    public static string Render(StatementView statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var csv = new StringBuilder();
        Row(csv, s_header);
        foreach (var u in statement.Usage)
        {
            Row(csv, [
                "usage", Num(u.Job), Num(u.Run), u.Tenant, u.Site, u.Model, Num(u.Cards), u.Spot ? "true" : "false", Time(u.StartedAt), Time(u.EndedAt), u.Outcome,
                Num(u.CardHours), Num(u.PetaflopHours), Num(u.Kwh), Num(u.KgCo2), u.PricePerCardHour, u.PriceCurrency, u.Charge, u.Commission,
                null, null, null, null, null, null, null, statement.Currency,
                null, null, null, null, null,
            ]);
        }

        foreach (var m in statement.Movements)
        {
            Row(csv, [
                "movement", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null,
                Num(m.Posting), Time(m.At), m.Kind, m.Order, m.Memo, m.Account, m.Amount, statement.Currency,
                null, null, null, null, null,
            ]);
        }

        foreach (var k in statement.Tokens ?? [])
        {
            Row(csv, [
                "tokens", null, null, statement.Subject == "tenant" ? statement.Id : null, k.Site, k.Model, null, null, null, null, null,
                null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, statement.Currency,
                Num(k.Requests), Num(k.PromptTokens), Num(k.CachedTokens), Num(k.CompletionTokens), k.Cost,
            ]);
        }

        var t = statement.Totals;
        Row(csv, [
            "total", null, null, statement.Subject == "tenant" ? statement.Id : null, null, null, null, null, Time(statement.From), Time(statement.To), null,
            Num(t.CardHours), Num(t.PetaflopHours), Num(t.Kwh), Num(t.KgCo2), null, null, t.Charges, t.Commission,
            null, null, "closing", null, $"opening {statement.Opening}", statement.Subject == "provider" ? statement.Id : null, statement.Closing, statement.Currency,
            null, null, null, null, null,
        ]);
        return csv.ToString();
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

        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
