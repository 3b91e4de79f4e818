using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Sites;

namespace Suanwang.ControlPlane.Bench;

/// <summary>
/// Brings the quote benchmark's server to its measured state through the API: the sites
/// registered as agents would, then load jobs submitted by a tenant of their own, then a wait
/// until the scheduler has seen every job and stopped placing.
/// </summary>
internal static class QuoteLoad
{
    private const int RegisterLoops = 4;
    private const int SubmitLoops = 32;

    /// <summary>Registers <paramref name="sites"/> sites of <see cref="QuoteNetwork"/>, <see cref="RegisterLoops"/> at a time.</summary>
    public static async Task RegisterAsync(Harness harness, int sites)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, RegisterLoops).Select(_ => Task.Run(async () =>
        {
            int s;
            while ((s = Interlocked.Increment(ref next)) < sites)
            {
                await harness.RegisterSiteAsync(QuoteNetwork.Site(s));
            }
        })));
    }

    /// <summary>Submits <paramref name="jobs"/> load jobs through <c>POST /api/v1/jobs</c>.</summary>
    public static async Task SubmitAsync(Harness harness, string tenant, int jobs)
    {
        var key = await harness.TenantKeyAsync(tenant);
        using var client = harness.Client(key, SubmitLoops);
        var type = new MediaTypeHeaderValue("application/yaml");
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, SubmitLoops).Select(_ => Task.Run(async () =>
        {
            int j;
            while ((j = Interlocked.Increment(ref next)) < jobs)
            {
                using var content = new StringContent(QuoteNetwork.LoadJob(tenant, j));
                content.Headers.ContentType = type;
                using var response = await client.PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), content);
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"submit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) until the scheduler tracks <paramref name="jobs"/>
    /// jobs and the number holding cards has not changed for a second; returns the last counts.
    /// </summary>
    public static async Task<(int Waiting, int Running)> SettleAsync(Harness harness, int jobs, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var (waiting, running) = await harness.HealthAsync();
        var steady = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            await Task.Delay(200);
            var (w, r) = await harness.HealthAsync();
            if (r != running || w + r < jobs)
            {
                steady.Restart();
            }

            (waiting, running) = (w, r);
            if (w + r >= jobs && steady.Elapsed >= TimeSpan.FromSeconds(1))
            {
                break;
            }
        }

        return (waiting, running);
    }

    /// <summary>Cards in the network, cards free, and sites with no free card, from <c>GET /api/v1/sites</c>.</summary>
    public static async Task<(int Cards, int Free, int FullSites)> OccupancyAsync(Harness harness)
    {
        var sites = await harness.Admin.GetFromJsonAsync<List<SiteView>>(new Uri("/api/v1/sites", UriKind.Relative), ProtocolJson.Options) ?? [];
        return (sites.Sum(s => s.Cards), sites.Sum(s => s.FreeCards), sites.Count(s => s.FreeCards == 0));
    }
}
