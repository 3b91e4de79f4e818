using System.Globalization;
using System.Text;
using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Tokens;

/// <summary>Renders a <see cref="TokenComparison"/> as one self-contained HTML page: no scripts, no external files.</summary>
public static class TokenReport
{
    /// <summary>The page as a string.</summary>
    public static string Render(TokenComparison c)
    {
        var inv = CultureInfo.InvariantCulture;
        var html = new StringBuilder(32 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(inv, $"<title>Token routing report \u2014 {HtmlText.Encode(c.Network)}</title>\n");
        html.Append("<style>\n").Append(HtmlReport.Stylesheet).Append(".bar { display: inline-block; height: 10px; background: #2563eb; vertical-align: middle; }\n</style>\n</head>\n<body>\n");
        html.Append("<header>\n<h1>Token routing report</h1>\n<dl class=\"meta\">\n");
        Term(html, "Network", c.Network);
        Term(html, "Trace", c.Trace);
        Term(html, "Requests", c.Requests.ToString("N0", inv));
        Term(html, "Trace span", $"{c.TraceSeconds / 60:0.0} min");
        Term(html, "Model", c.Model);
        Term(html, "Restricted", c.RestrictedShare > 0 ? $"{c.RestrictedShare:P0} of requests to {string.Join(", ", c.RestrictedTo)}" : "none");
        Term(html, "Seed", c.Seed.ToString(inv));
        html.Append("</dl>\n</header>\n");

        html.Append("<h2>Policies</h2>\n<table>\n<thead><tr><th>policy</th><th>completed</th><th>refused</th><th>TTFT p50</th><th>TTFT p99</th><th>E2E p50</th><th>E2E p99</th><th>prefix reuse</th><th>cost</th><th>kg CO2</th><th>events/s</th></tr></thead>\n<tbody>\n");
        foreach (var r in c.Results)
        {
            html.Append(inv, $"<tr><td>{HtmlText.Encode(r.Policy)}</td><td>{r.Completed:N0}</td><td>{r.Refused:N0}</td><td>{Seconds(r.TtftP50S)}</td><td>{Seconds(r.TtftP99S)}</td>");
            html.Append(inv, $"<td>{Seconds(r.E2eP50S)}</td><td>{Seconds(r.E2eP99S)}</td><td>{r.PrefixReuse:P1}</td><td>{r.Cost:N2} {HtmlText.Encode(r.Currency)}</td><td>{r.Co2Kg:0.00}</td><td>{r.EventsPerSecond:N0}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        AppendTtftBars(html, c);
        AppendSites(html, c);
        AppendEndpoints(html, c);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTtftBars(StringBuilder html, TokenComparison c)
    {
        var inv = CultureInfo.InvariantCulture;
        var max = c.Results.Count == 0 ? 0 : c.Results.Max(r => r.TtftP99S);
        html.Append("<h2>Time to first token, p99</h2>\n<table>\n<tbody>\n");
        foreach (var r in c.Results)
        {
            var width = max > 0 ? 400 * r.TtftP99S / max : 0;
            html.Append(inv, $"<tr><td>{HtmlText.Encode(r.Policy)}</td><td style=\"text-align:left\"><span class=\"bar\" style=\"width:{width:0}px\"></span> {Seconds(r.TtftP99S)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendSites(StringBuilder html, TokenComparison c)
    {
        var inv = CultureInfo.InvariantCulture;
        html.Append("<h2>Requests per site</h2>\n<table>\n<thead><tr><th>site</th>");
        foreach (var r in c.Results)
        {
            html.Append("<th>").Append(HtmlText.Encode(r.Policy)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        var sites = c.Results.Count > 0 ? c.Results[0].RequestsPerSite.Keys : [];
        foreach (var site in sites)
        {
            html.Append("<tr><td>").Append(HtmlText.Encode(site)).Append("</td>");
            foreach (var r in c.Results)
            {
                html.Append(inv, $"<td>{r.RequestsPerSite[site]:N0}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendEndpoints(StringBuilder html, TokenComparison c)
    {
        var inv = CultureInfo.InvariantCulture;
        html.Append("<h2>Endpoints</h2>\n<table>\n<thead><tr><th>endpoint</th><th>country</th><th>cards</th><th>batch</th><th>prefill per 1k tokens</th><th>decode step</th><th>per 1M in / out</th><th>gCO2/kWh</th></tr></thead>\n<tbody>\n");
        foreach (var e in c.Endpoints)
        {
            html.Append(inv, $"<tr><td>{HtmlText.Encode(e.Id)}</td><td>{e.Country}</td><td>{e.Cards} \u00d7 {HtmlText.Encode(e.Accelerator)}</td><td>{e.BatchSlots}</td>");
            html.Append(inv, $"<td>{e.PrefillMsPer1kTokens:0.0} ms</td><td>{e.DecodeStepMs:0.00} ms</td><td>{e.InputPricePerMillion:0.####} / {e.OutputPricePerMillion:0.####} {HtmlText.Encode(e.Currency)}</td><td>{e.CarbonGramsPerKwh:0}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>").Append(HtmlText.Encode(value)).Append("</dd>\n");

    /// <summary>Seconds as text: milliseconds below one second.</summary>
    public static string Seconds(double s) =>
        s < 1 ? string.Create(CultureInfo.InvariantCulture, $"{s * 1000:0} ms") : string.Create(CultureInfo.InvariantCulture, $"{s:0.00} s");
}
