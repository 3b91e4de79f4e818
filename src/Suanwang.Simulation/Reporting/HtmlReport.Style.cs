namespace Suanwang.Simulation.Reporting;

/// <content>The page's stylesheet, inline so the file works offline and prints as seen.</content>
public static partial class HtmlReport
{
    internal const string Stylesheet = """
        :root { color-scheme: light; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
               color: #1f2937; background: #fff; max-width: 1040px; margin: 0 auto; padding: 24px; }
        h1 { font-size: 22px; margin: 0 0 8px; }
        h2 { font-size: 16px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #e5e7eb; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dl.meta dt { color: #6b7280; }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; white-space: normal; overflow-wrap: anywhere; }
        thead th { color: #6b7280; font-weight: 600; border-bottom: 2px solid #d1d5db; }
        tr.group th { text-align: left; background: #f3f4f6; color: #374151; font-weight: 600; }
        tr.bounded td { font-weight: 600; }
        td.none { color: #9ca3af; }
        table.figures { max-width: 760px; }
        .bar { display: inline-block; width: 64px; height: 8px; margin-right: 8px; background: #e5e7eb; vertical-align: middle; }
        .bar span { display: block; height: 100%; background: #2563eb; }
        .note { color: #6b7280; margin: 4px 0 8px; }
        figure { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
        .plot { display: block; width: 100%; height: auto; }
        .plot text { font-size: 12px; fill: #4b5563; }
        .plot .plot-title { font-size: 15px; font-weight: 600; fill: #111827; }
        .plot .plot-axis { font-size: 13px; fill: #374151; }
        .plot .plot-empty { font-size: 14px; fill: #9ca3af; }
        .plot-grid line { stroke: #e5e7eb; stroke-width: 1; }
        .plot-frame { fill: none; stroke: #9ca3af; stroke-width: 1; }
        .plot-line { fill: none; stroke: #2563eb; stroke-width: 1.6; stroke-linejoin: round; }
        .plot-line-fill { fill: #2563eb; fill-opacity: 0.12; stroke: none; }
        .plot-mean { stroke: #dc2626; stroke-width: 1.2; stroke-dasharray: 5 4; }
        .plot .plot-mean-label { fill: #dc2626; }
        .plot-bound { stroke: #059669; stroke-width: 1.2; stroke-dasharray: 5 4; }
        .plot .plot-bound-label { fill: #059669; }
        footer { margin-top: 28px; color: #9ca3af; font-size: 12px; }
        @media print {
          body { max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          tr { break-inside: avoid; }
        }

        """;
}
