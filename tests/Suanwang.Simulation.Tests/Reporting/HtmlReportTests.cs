using System.Text.RegularExpressions;
using Suanwang.Simulation.Reporting;
using Xunit.Abstractions;

namespace Suanwang.Simulation.Tests.Reporting;

public sealed partial class HtmlReportTests(ITestOutputHelper output)
{
    [Fact]
    public void Render_DrawsThreeSvgPlots()
    {
        var html = HtmlReport.Render(SampleResults.Result());

        Assert.Equal(3, Count(html, "<svg "));
        Assert.Equal(3, Count(html, "</svg>"));
        Assert.Contains("JCT distribution (CDF)", html, StringComparison.Ordinal);
        Assert.Contains("Utilization over time", html, StringComparison.Ordinal);
        Assert.Contains("Queue length over time", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EncodesHostileInput()
    {
        var summary = SampleResults.Summary([new SiteSummary("<script>alert(1)</script>", 8, 0.5, 1, 0, 0)]) with
        {
            Network = "a&b\"<i>",
            Trace = "\"><img src=x onerror=alert(2)>.csv",
        };

        var html = HtmlReport.Render(SampleResults.Result(summary: summary));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a&amp;b&quot;&lt;i&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NeedsNothingFromOutsideThePage()
    {
        var html = HtmlReport.Render(SampleResults.Result());

        foreach (var outside in new[] { "<script", "<link", "<img", "<iframe", " src=", " href=", "url(", "@import", "http:", "https:" })
        {
            Assert.DoesNotContain(outside, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HeaderNamesTheRun()
    {
        var html = HtmlReport.Render(SampleResults.Result());
        var header = html[html.IndexOf("<header>", StringComparison.Ordinal)..html.IndexOf("</header>", StringComparison.Ordinal)];

        Assert.Contains("<dt>Network</dt><dd>east-data-west-compute</dd>", header, StringComparison.Ordinal);
        Assert.Contains("<dt>Trace</dt><dd>traces/philly-2017.csv</dd>", header, StringComparison.Ordinal);
        Assert.Contains("<dt>Policy</dt><dd>fifo</dd>", header, StringComparison.Ordinal);
        Assert.Contains("<dt>Objective</dt><dd>jct</dd>", header, StringComparison.Ordinal);
        Assert.Contains("<dt>Seed</dt><dd>42</dd>", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsJctMeanAndMakespanNextToTheirBoundsWithRatios()
    {
        var html = HtmlReport.Render(SampleResults.Result());

        // 3723.456 s against 1234.56 s; 864000.04 s against 800000 s.
        Assert.Contains("<td>JCT mean</td><td>1.03 h</td><td>20.6 min</td><td>3.02\u00d7</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Makespan</td><td>10 d</td><td>9.26 d</td><td>1.08\u00d7</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ZeroLowerBound_ShowsNoRatio()
    {
        var summary = SampleResults.Summary() with { LowerBound = new LowerBound(0, 0) };

        var html = HtmlReport.Render(SampleResults.Result(summary: summary));

        Assert.Contains("<td>JCT mean</td><td>1.03 h</td><td>0 s</td><td>\u2014</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ListsEachSiteWithItsFigures()
    {
        var html = HtmlReport.Render(SampleResults.Result());

        Assert.Matches(@"<tr><td>cn-guiyang-1</td><td>512</td><td>.*81\.2%</td><td>600</td><td>1</td><td>1 h</td></tr>", html);
        Assert.Matches(@"<tr><td>cn-ningxia-2</td><td>256</td><td>.*50\.0%</td><td>400</td><td>0</td><td>0 s</td></tr>", html);
    }

    [Fact]
    public void Render_ManySites_ShowsTheBusiestAndSaysSo()
    {
        var sites = Enumerable.Range(0, HtmlReport.MaxSiteRows + 100)
            .Select(i => new SiteSummary($"site-{i:D4}", 8, 0.5, JobsStarted: i, 0, 0))
            .ToArray();

        var html = HtmlReport.Render(SampleResults.Result(summary: SampleResults.Summary(sites)));

        Assert.Contains("<td>site-0599</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>site-0000</td>", html, StringComparison.Ordinal);
        Assert.Equal(HtmlReport.MaxSiteRows, SiteRow().Count(html));
        Assert.Contains("summary.json lists them all", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmptyRun_DrawsEmptyPlotsWithoutNaN()
    {
        var result = new SimulationResult(SampleResults.Summary(sites: []), [], [], []);

        var html = HtmlReport.Render(result);

        Assert.Equal(3, Count(html, ">no data</text>"));
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MillionJobsAndLongSeries_StaysAFewHundredKilobytes()
    {
        var result = SampleResults.Result(jobs: 1_000_000, samples: 100_000);

        var html = HtmlReport.Render(result);

        output.WriteLine($"HTML for 1,000,000 JCTs and 100,000-point series: {html.Length:N0} characters");
        Assert.True(html.Length < 400_000, $"page is {html.Length:N0} characters");
        foreach (Match polyline in Polyline().Matches(html))
        {
            var points = polyline.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

            // A step series draws two vertices per sample.
            Assert.InRange(points, 2, 2 * HtmlReport.MaxPlotPoints);
        }
    }

    [Fact]
    public void Render_UtilizationPeak_SurvivesDownsampling()
    {
        var samples = new SeriesPoint[100_000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = new SeriesPoint(i * 60.0, i == 54_321 ? 1.0 : 0.5);
        }

        var result = SampleResults.Result() with { Utilization = samples };
        var html = HtmlReport.Render(result);
        var svg = html[html.IndexOf("aria-labelledby=\"plot-utilization-title\"", StringComparison.Ordinal)..];
        var line = Polyline().Match(svg).Groups[1].Value;
        var ys = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

        // SVG y grows downwards: the 100% peak is the smallest y, at the top of the plot area (y = 48).
        Assert.Equal(48, ys.Min());
    }

    private static int Count(string text, string value) => Regex.Count(text, Regex.Escape(value));

    [GeneratedRegex("<polyline class=\"[^\"]*\" points=\"([^\"]*)\"")]
    private static partial Regex Polyline();

    [GeneratedRegex("<tr><td>site-\\d{4}</td>")]
    private static partial Regex SiteRow();
}
