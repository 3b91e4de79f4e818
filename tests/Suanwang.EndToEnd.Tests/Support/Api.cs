using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Suanwang.Protocol;
using Suanwang.Protocol.Jobs;
using Suanwang.Protocol.Sites;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>The REST API as an admin sees it, over plain HTTP.</summary>
internal sealed partial class Api : IDisposable
{
    private readonly HttpClient _http;

    public Api(Uri server, string key, TimeSpan? timeout = null)
    {
        _http = new HttpClient { BaseAddress = server, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>Submits a YAML job spec; the id once the server answered 201.</summary>
    public async Task<long> SubmitAsync(string spec, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(spec, Encoding.UTF8, "application/yaml");
        using var response = await _http.PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Assert.Fail($"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<SubmitResult>(ProtocolJson.Options, cancellationToken))!.Id;
    }

    public async Task<JobView> JobAsync(long id) =>
        (await _http.GetFromJsonAsync<JobView>(new Uri($"/api/v1/jobs/{id}", UriKind.Relative), ProtocolJson.Options))!;

    /// <summary>The job, or null when the server answers 404.</summary>
    public async Task<JobView?> FindJobAsync(long id)
    {
        using var response = await _http.GetAsync(new Uri($"/api/v1/jobs/{id}", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JobView>(ProtocolJson.Options);
    }

    public async Task<IReadOnlyList<JobEventView>> EventsAsync(long id) =>
        (await _http.GetFromJsonAsync<IReadOnlyList<JobEventView>>(new Uri($"/api/v1/jobs/{id}/events", UriKind.Relative), ProtocolJson.Options))!;

    public async Task<IReadOnlyList<SiteView>> SitesAsync() =>
        (await _http.GetFromJsonAsync<IReadOnlyList<SiteView>>(new Uri("/api/v1/sites", UriKind.Relative), ProtocolJson.Options))!;

    public async Task<SiteView> SiteAsync(string id) => (await SitesAsync()).Single(s => s.Id == id);

    /// <summary>The job's whole output so far.</summary>
    public Task<string> LogsAsync(long id) => _http.GetStringAsync(new Uri($"/api/v1/jobs/{id}/logs?offset=0", UriKind.Relative));

    /// <summary>The job's current fence: the highest <c>(fence N)</c> its history names, 0 before its first placement.</summary>
    public async Task<long> FenceAsync(long id) =>
        (await EventsAsync(id))
            .Select(e => FencePattern().Match(e.Message))
            .Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>Waits until the job is in <paramref name="state"/>; fails at once if it ends in another state.</summary>
    public async Task<JobView> WaitForStateAsync(long id, string state, double seconds = 30)
    {
        string[] final = ["succeeded", "failed", "cancelled"];
        return await Eventually.ResultAsync(
            async () =>
            {
                var job = await JobAsync(id);
                if (job.State != state && final.Contains(job.State))
                {
                    var history = string.Join("\n", (await EventsAsync(id)).Select(e => $"{e.Kind}: {e.Message}"));
                    Assert.Fail($"job {id} ended {job.State} ({job.Reason}) while waiting for {state}:\n{history}");
                }

                return job.State == state ? job : null;
            },
            $"job {id} is {state}",
            seconds);
    }

    public async Task CancelAsync(long id)
    {
        using var response = await _http.PostAsync(new Uri($"/api/v1/jobs/{id}/cancel", UriKind.Relative), null);
        Assert.True(response.IsSuccessStatusCode, $"cancel of job {id} answered {(int)response.StatusCode}");
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(@"\(fence (\d+)\)")]
    private static partial Regex FencePattern();
}
