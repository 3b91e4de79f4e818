using System.Globalization;
using System.Text;
using Suanwang.Client;
using Suanwang.Protocol.Jobs;
using Suanwang.Protocol.Sites;

namespace Suanwang.Cli.Client;

/// <summary>
/// The REST API as the CLI uses it, grouped by feature over the shared <see cref="ApiClient"/>. Every
/// call either returns the server's answer or throws an <see cref="ApiException"/>.
/// </summary>
internal sealed partial class SuanwangClient : IDisposable
{
    private const string NextOffsetHeader = "Suanwang-Next-Offset";
    private const string ReplayedHeader = "Idempotent-Replayed";

    private readonly ApiClient _api;

    public SuanwangClient(ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _api = new ApiClient(settings.Server, settings.ApiKey, TimeSpan.FromSeconds(30));
    }

    /// <summary>Submits a job spec (YAML, or JSON when <paramref name="json"/>); problems name <paramref name="source"/>.</summary>
    public async Task<SubmitResult> SubmitAsync(string spec, bool json, string source, CancellationToken cancellationToken)
    {
        using var content = new StringContent(spec, Encoding.UTF8, json ? "application/json" : "application/yaml");
        try
        {
            return await _api.SendAsync<SubmitResult>(HttpMethod.Post, "api/v1/jobs", content, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.IsUserError && (e.Field is not null || e.Line is not null))
        {
            throw e.From(source);
        }
    }

    /// <summary>One job.</summary>
    public Task<JobView> GetJobAsync(long id, CancellationToken cancellationToken) =>
        _api.SendAsync<JobView>(HttpMethod.Get, Invariant($"api/v1/jobs/{id}"), null, cancellationToken);

    /// <summary>A page of jobs, newest first.</summary>
    public Task<JobPage> ListJobsAsync(string? state, string? site, long? before, int? limit, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        Add(query, "state", state);
        Add(query, "site", site);
        Add(query, "before", before?.ToString(CultureInfo.InvariantCulture));
        Add(query, "limit", limit?.ToString(CultureInfo.InvariantCulture));
        var path = query.Count == 0 ? "api/v1/jobs" : "api/v1/jobs?" + string.Join('&', query);
        return _api.SendAsync<JobPage>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>Cancels a job; returns it as it is now.</summary>
    public Task<JobView> CancelAsync(long id, CancellationToken cancellationToken) =>
        _api.SendAsync<JobView>(HttpMethod.Post, Invariant($"api/v1/jobs/{id}/cancel"), null, cancellationToken);

    /// <summary>A job's history, oldest first.</summary>
    public Task<IReadOnlyList<JobEventView>> GetEventsAsync(long id, CancellationToken cancellationToken) =>
        _api.SendAsync<IReadOnlyList<JobEventView>>(HttpMethod.Get, Invariant($"api/v1/jobs/{id}/events"), null, cancellationToken);

    /// <summary>The sites.</summary>
    public Task<IReadOnlyList<SiteView>> ListSitesAsync(CancellationToken cancellationToken) =>
        _api.SendAsync<IReadOnlyList<SiteView>>(HttpMethod.Get, "api/v1/sites", null, cancellationToken);

    /// <summary>A job's output from byte <paramref name="offset"/> on, and the offset to continue from.</summary>
    public async Task<(string Text, long Next)> GetLogsAsync(long id, long offset, CancellationToken cancellationToken)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, Invariant($"api/v1/jobs/{id}/logs?offset={offset}"), null, null, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var next = response.Headers.TryGetValues(NextOffsetHeader, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : offset + Encoding.UTF8.GetByteCount(text);
        return (text, next);
    }

    /// <inheritdoc />
    public void Dispose() => _api.Dispose();

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
