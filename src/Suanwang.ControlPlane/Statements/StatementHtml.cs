using System.Globalization;
using System.Net;
using System.Text;
using Suanwang.Core.Market;
using Suanwang.Core.Sites;
using Suanwang.Storage.Market;

namespace Suanwang.ControlPlane.Statements;

/// <summary>A statement as one self-contained, printable HTML page (no scripts, no external files), built from the period's sums and first rows.</summary>
public static class StatementHtml
{
    /// <summary>Runs and movements the page lists; the CSV holds every one.</summary>
    public const int FirstRows = 100;

    private const string Style = """
        body{font:13px/1.4 system-ui,sans-serif;margin:2em;color:#111}
        h1{font-size:20px;margin:0 0 .2em}h2{font-size:15px;margin:1.6em 0 .4em}
        .meta{color:#555}table{border-collapse:collapse;width:100%}
        th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .sum{display:grid;grid-template-columns:max-content max-content;gap:2px 18px}
        @media print{body{margin:0}a{color:inherit}}
        """;

    /// <summary>
    /// The statement as an HTML document: the totals of the whole period, its runs summed per day,
    /// site and model, its token usage, its movements summed per account and kind, and its first
    /// runs and movements (the CSV holds every one).
    /// </summary>
    public static string Render(StatementSummary summary, Func<string, Site?> siteOf)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(siteOf);
        var s = summary.View;
        var html = new StringBuilder();
        var title = $"Statement for {s.Subject} {s.Id}";
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body>");
        html.Append("<h1>").Append(E(title)).Append("</h1><p class=\"meta\">")
            .Append(E(Day(s.From))).Append(" to ").Append(E(Day(s.To))).Append(" &middot; amounts in ").Append(E(s.Currency)).Append("</p>");

        var t = s.Totals;
        html.Append("<h2>Summary</h2><div class=\"sum\">");
        Pair(html, "Opening balance", s.Opening);
        if (s.Subject == "tenant")
        {
            Pair(html, "Top-ups", t.TopUps);
            Pair(html, "Refunds", t.Refunds);
            Pair(html, "Charges", t.Charges);
        }
        else
        {
            Pair(html, "Charges on its sites", t.Charges);
            Pair(html, "Commission", t.Commission);
            Pair(html, "Earned", t.Net);
            Pair(html, "Payouts", t.Payouts);
        }

        Pair(html, "Closing balance", s.Closing);
        Pair(html, "Usage", $"{N(t.CardHours)} card-h, {N(t.PetaflopHours)} P·h, {N(t.Kwh)} kWh, {N(t.KgCo2)} kg CO2");
        Pair(html, "Runs", summary.Runs.ToString(CultureInfo.InvariantCulture));
        Pair(html, "Movements", summary.Movements.ToString(CultureInfo.InvariantCulture));
        if (t.Unsettled > 0)
        {
            Pair(html, "Not yet settled", t.Unsettled.ToString(CultureInfo.InvariantCulture) + " runs");
        }

        html.Append("</div>");
        Grouped(html, "Usage per day", "Day", summary.Usage.GroupBy(u => u.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), s.Currency);
        Grouped(html, "Usage per site", "Site", summary.Usage.GroupBy(u => u.Site), s.Currency);
        Grouped(html, "Usage per model", "Model", summary.Usage.GroupBy(u => ModelOf(u, siteOf) ?? "unknown"), s.Currency);

        if (s.Tokens is { Count: > 0 } tokens)
        {
            html.Append("<h2>Tokens</h2><table><thead><tr><th>Model</th><th>Site</th><th class=n>Requests</th><th class=n>Prompt tokens</th><th class=n>Cached</th><th class=n>Completion tokens</th><th class=n>Cost</th></tr></thead><tbody>");
            foreach (var k in tokens)
            {
                html.Append("<tr><td>").Append(E(k.Model)).Append("</td><td>").Append(E(k.Site)).Append("</td><td class=n>").Append(k.Requests)
                    .Append("</td><td class=n>").Append(k.PromptTokens).Append("</td><td class=n>").Append(k.CachedTokens).Append("</td><td class=n>").Append(k.CompletionTokens)
                    .Append("</td><td class=n>").Append(E(k.Cost)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<h2>Movements per account and kind</h2><table><thead><tr><th>Account</th><th>Kind</th><th class=n>Movements</th><th class=n>Amount</th></tr></thead><tbody>");
        foreach (var line in summary.Lines)
        {
            html.Append("<tr><td>").Append(E(line.Account)).Append("</td><td>").Append(E(line.Kind)).Append("</td><td class=n>").Append(line.Lines)
                .Append("</td><td class=n>").Append(E(MinorUnits.Format(line.Amount, s.Currency))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");

        html.Append("<h2>Usage</h2>");
        First(html, s.Usage.Count, summary.Runs, "runs");
        html.Append("<table><thead><tr><th>Job</th><th>Run</th><th>Site</th><th>Model</th><th class=n>Cards</th><th>Ended</th><th>Outcome</th>")
            .Append("<th class=n>Card-h</th><th class=n>P·h</th><th class=n>kWh</th><th class=n>kg CO2</th><th class=n>Price/card-h</th><th class=n>Charge</th></tr></thead><tbody>");
        foreach (var u in s.Usage)
        {
            html.Append("<tr><td>").Append(u.Job).Append("</td><td>").Append(u.Run).Append("</td><td>").Append(E(u.Site)).Append("</td><td>").Append(E(u.Model ?? ""))
                .Append("</td><td class=n>").Append(u.Cards).Append("</td><td>").Append(E(Minute(u.EndedAt))).Append("</td><td>").Append(E(u.Outcome + (u.Spot ? " (spot)" : "")))
                .Append("</td><td class=n>").Append(N(u.CardHours)).Append("</td><td class=n>").Append(N(u.PetaflopHours)).Append("</td><td class=n>").Append(N(u.Kwh))
                .Append("</td><td class=n>").Append(N(u.KgCo2)).Append("</td><td class=n>").Append(E(u.PricePerCardHour is null ? "" : $"{u.PricePerCardHour} {u.PriceCurrency}"))
                .Append("</td><td class=n>").Append(E(u.Charge ?? "pending")).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        html.Append("<h2>Movements</h2>");
        First(html, s.Movements.Count, summary.Movements, "movements");
        html.Append("<table><thead><tr><th>Posting</th><th>When</th><th>Kind</th><th>Order</th><th>Memo</th><th>Account</th><th class=n>Amount</th></tr></thead><tbody>");
        foreach (var m in s.Movements)
        {
            html.Append("<tr><td>").Append(m.Posting).Append("</td><td>").Append(E(Minute(m.At))).Append("</td><td>").Append(E(m.Kind)).Append("</td><td>").Append(E(m.Order ?? ""))
                .Append("</td><td>").Append(E(m.Memo)).Append("</td><td>").Append(E(m.Account)).Append("</td><td class=n>").Append(E(m.Amount)).Append("</td></tr>");
        }

        html.Append("</tbody></table></body></html>");
        return html.ToString();
    }

    /// <summary>The model of the pool a sum's runs ran in; null when the site or pool is no longer registered.</summary>
    private static string? ModelOf(UsageSum u, Func<string, Site?> siteOf) =>
        siteOf(u.Site) is { } site && u.Pool >= 0 && u.Pool < site.Pools.Count ? site.Pools[u.Pool].Model.Id : null;

    // One table of the period's runs summed per key, in key order: runs, card-hours, P·h, kWh, kg CO2 and charges.
    private static void Grouped(StringBuilder html, string heading, string key, IEnumerable<IGrouping<string, UsageSum>> groups, string currency)
    {
        html.Append("<h2>").Append(E(heading)).Append("</h2><table><thead><tr><th>").Append(E(key))
            .Append("</th><th class=n>Runs</th><th class=n>Card-h</th><th class=n>P·h</th><th class=n>kWh</th><th class=n>kg CO2</th><th class=n>Charges</th></tr></thead><tbody>");
        foreach (var g in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(E(g.Key)).Append("</td><td class=n>").Append(g.Sum(u => u.Runs)).Append("</td><td class=n>").Append(N(g.Sum(u => u.CardHours)))
                .Append("</td><td class=n>").Append(N(g.Sum(u => u.PetaflopHours))).Append("</td><td class=n>").Append(N(g.Sum(u => u.Kwh)))
                .Append("</td><td class=n>").Append(N(g.Sum(u => u.KgCo2))).Append("</td><td class=n>").Append(E(MinorUnits.Format(g.Sum(u => u.Charge), currency))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    // Says when the table lists only the first rows of the period.
    private static void First(StringBuilder html, int shown, long all, string what)
    {
        if (all > shown)
        {
            html.Append("<p class=\"meta\">The first ").Append(shown.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(all.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(what).Append(": the CSV download holds every one.</p>");
        }
    }

    private static void Pair(StringBuilder html, string label, string value) =>
        html.Append("<div>").Append(E(label)).Append("</div><div class=n>").Append(E(value)).Append("</div>");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
