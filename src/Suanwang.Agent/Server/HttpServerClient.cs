using System.Net.Http.Headers;
using System.Text.Json;
using Suanwang.Client;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Server;

/// <summary>
/// <see cref="IServerClient"/> over the shared <see cref="ApiClient"/>: endpoints under
/// <c>{server}/api/v1/agents</c>; a 409, or a 404 for a site the server forgot, becomes
/// <see cref="StaleEpochException"/>.
/// </summary>
public sealed class HttpServerClient : IServerClient
{
    private const string Agents = "api/v1/agents/";

    private readonly ApiClient _api;

    /// <summary>Creates the agent protocol's client over <paramref name="api"/>, which the caller owns.</summary>
    public HttpServerClient(ApiClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
    }

    /// <inheritdoc />
    public Task<AgentRegistered> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken) =>
        PostAsync<AgentRegistration, AgentRegistered>(Agents + "register", registration, staleOnNotFound: false, cancellationToken);

    /// <inheritdoc />
    public Task<HeartbeatReply> HeartbeatAsync(string siteId, Heartbeat heartbeat, CancellationToken cancellationToken) =>
        PostAsync<Heartbeat, HeartbeatReply>(SitePath(siteId, "heartbeat"), heartbeat, staleOnNotFound: true, cancellationToken);

    /// <inheritdoc />
    public async Task<ReportReply> ReportAsync(string siteId, ReportBatch batch, CancellationToken cancellationToken)
    {
        // Encoded up front so the request carries its Content-Length: a server that finds it too
        // large answers 413 before reading it, rather than cutting the connection mid-body.
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(batch, ProtocolJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            return await _api.SendAsync<ReportReply>(HttpMethod.Post, SitePath(siteId, "reports"), content, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.Status is 409 or 404)
        {
            throw new StaleEpochException(ex.Message, ex);
        }
    }

    private static string SitePath(string siteId, string action) => $"{Agents}{Uri.EscapeDataString(siteId)}/{action}";

    private async Task<TReply> PostAsync<TRequest, TReply>(string path, TRequest body, bool staleOnNotFound, CancellationToken cancellationToken)
    {
        try
        {
            return await _api.PostAsync<TRequest, TReply>(path, body, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.Status == 409 || (staleOnNotFound && ex.Status == 404))
        {
            throw new StaleEpochException(ex.Message, ex);
        }
    }
}
