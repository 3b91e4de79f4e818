using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Portal.Tests.Support;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Jobs;
using Suanwang.Testing;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>The statement downloads: the CSV holds every run and movement and reconciles with the page; the printable page sums them.</summary>
public sealed class StatementDownloadTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    // More movements than the CSV reads from the store at a time.
    private const int SmallTopUps = 1_050;

    private PortalNetwork Network => fixture.Network;

    private static string ThisMonth => DateTimeOffset.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheCsv_HoldsEveryRunAndMovement_AndReconcilesWithTheStatementPage()
    {
        const string tenant = "st-reconcile";
        var key = await Network.TenantAsync(tenant, topUp: 500);
        await ChargedRunsAsync(tenant, key, 3);
        for (var i = 0; i < SmallTopUps; i++)
        {
            await Network.Store.PostAsync(Postings.TopUp(tenant, 1, "CNY", "CNY", 1m, "small top-up, " + i.ToString(CultureInfo.InvariantCulture)), null, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        using var rest = Network.Rest(key);
        var statement = (await rest.GetFromJsonAsync<StatementView>($"/api/v1/tenants/{tenant}/statement?month={ThisMonth}", ProtocolJson.Options))!;
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);
        var rows = Csv(await portal.PageAsync($"/statements?handler=Csv&month={ThisMonth}"));
        var page = await portal.PageAsync($"/statements?month={ThisMonth}");

        // Every run and every movement, in the statement's order.
        var runs = rows.Where(r => r[0] == "usage").ToList();
        var movements = rows.Where(r => r[0] == "movement").ToList();
        Assert.Equal(statement.Usage.Select(u => u.Job.ToString(CultureInfo.InvariantCulture)), runs.Select(r => r[1]));
        Assert.Equal(statement.Movements.Select(m => m.Posting.ToString(CultureInfo.InvariantCulture)), movements.Select(r => r[19]));
        Assert.True(movements.Count > SmallTopUps, $"{movements.Count} movements");

        // The rows add up to the totals row, and the totals are the statement page's.
        var total = Assert.Single(rows, r => r[0] == "total");
        var charges = runs.Sum(r => Amount(r[17]));
        Assert.Equal(Amount(statement.Totals.Charges), charges);
        Assert.True(charges > 0);
        Assert.Equal(charges, Amount(total[17]));
        var (opening, closing) = (Amount(total[23]["opening ".Length..]), Amount(total[25]));
        Assert.Equal((Amount(statement.Opening), Amount(statement.Closing)), (opening, closing));
        Assert.Equal(closing - opening, movements.Sum(r => Amount(r[25])));
        Assert.Equal(runs.Sum(r => double.Parse(r[11], CultureInfo.InvariantCulture)), double.Parse(total[11], CultureInfo.InvariantCulture), 6);
        Assert.Contains($"id=\"statement-charges\">CNY {charges.ToString("N2", CultureInfo.InvariantCulture)}</dd>", page, StringComparison.Ordinal);
        Assert.Contains($"<dd>CNY {opening.ToString("N2", CultureInfo.InvariantCulture)}</dd>", page, StringComparison.Ordinal);
        Assert.Contains($"<dd>CNY {closing.ToString("N2", CultureInfo.InvariantCulture)}</dd>", page, StringComparison.Ordinal);
        Assert.Contains($"The first 100 of {movements.Count} are listed; the CSV download holds every one.", page, StringComparison.Ordinal);

        // The printable page sums the same period, lists the first rows and says where the rest are.
        var html = await portal.PageAsync($"/statements?handler=Html&month={ThisMonth}");
        foreach (var table in new[] { "Usage per day", "Usage per site", "Usage per model", "Movements per account and kind" })
        {
            Assert.Contains($"<h2>{table}</h2>", html, StringComparison.Ordinal);
        }

        Assert.Contains($"The first 100 of {movements.Count} movements: the CSV download holds every one.", html, StringComparison.Ordinal);
        Assert.Contains($"<td>tenant:{tenant}:wallet</td><td>topup</td><td class=n>{SmallTopUps + 1}</td>", html, StringComparison.Ordinal);
    }

    // Orders runs through the REST API, runs them as an agent would report, and settles their charges.
    private async Task ChargedRunsAsync(string tenant, string key, int count)
    {
        using var rest = Network.Rest(key);
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
            {
                Content = new StringContent($"name: reconcile-{i}\nrun: echo {i}\nresources: {{ accelerators: [CPU-core], cards: 1 }}\nestimated_runtime: 30m\ntime_limit: 1h\n", Encoding.UTF8, "application/yaml"),
            };
            request.Headers.Add("Idempotency-Key", $"reconcile-{i}");
            using var response = await rest.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        for (var ran = 0; ran < count;)
        {
            var placed = await Eventually.ResultAsync(
                async () => await Network.Store.ListJobsAsync(new JobQuery(tenant, JobState.Placed, Limit: 10), CancellationToken.None) is { Count: > 0 } jobs ? jobs : null,
                "the scheduler places an order's job");
            foreach (var job in placed)
            {
                var now = DateTimeOffset.UtcNow;
                Assert.True(await Network.Store.MarkRunningAsync(job.Id, job.Fence, now, CancellationToken.None));
                Assert.True(await Network.Store.FinishAsync(job.Id, job.Fence, JobState.Succeeded, 0, 600 + ran * 60, null, now.AddSeconds(1), CancellationToken.None));
                ran++;
            }
        }

        var settler = Network.Services.GetRequiredService<Settler>();
        await Eventually.TrueAsync(
            async () =>
            {
                await settler.SettleReadyAsync(CancellationToken.None);
                var statement = await rest.GetFromJsonAsync<StatementView>($"/api/v1/tenants/{tenant}/statement?month={ThisMonth}", ProtocolJson.Options);
                return statement!.Usage.Count == count && statement.Totals.Unsettled == 0;
            },
            "the runs are charged");
    }

    private static decimal Amount(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    // RFC 4180: quoted cells may hold commas and doubled quotes.
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                else
                {
                    cell.Append(c);
                }
            }

            cells.Add(cell.ToString());
            rows.Add([.. cells]);
        }

        return rows;
    }
}
