using Suanwang.Protocol.Tenants;

namespace Suanwang.Cli.Client;

/// <summary>The key part of the API (admin): issue, list and revoke API keys.</summary>
internal sealed partial class SuanwangClient
{
    /// <summary>Issues an admin or tenant key for <paramref name="tenant"/>.</summary>
    public Task<ApiKeyIssued> IssueTenantKeyAsync(string tenant, NewApiKey key, CancellationToken cancellationToken) =>
        _api.PostAsync<NewApiKey, ApiKeyIssued>($"api/v1/tenants/{Uri.EscapeDataString(tenant)}/keys", key, cancellationToken);

    /// <summary>Issues the agent key of <paramref name="site"/>.</summary>
    public Task<ApiKeyIssued> IssueAgentKeyAsync(string site, NewAgentKey key, CancellationToken cancellationToken) =>
        _api.PostAsync<NewAgentKey, ApiKeyIssued>($"api/v1/sites/{Uri.EscapeDataString(site)}/keys", key, cancellationToken);

    /// <summary>Issues a provider key for <paramref name="owner"/>, the provider's name as its sites give it.</summary>
    public Task<ApiKeyIssued> IssueProviderKeyAsync(string owner, NewProviderKey key, CancellationToken cancellationToken) =>
        _api.PostAsync<NewProviderKey, ApiKeyIssued>($"api/v1/providers/{Uri.EscapeDataString(owner)}/keys", key, cancellationToken);

    /// <summary>The keys, oldest first, of one tenant, site or provider when given.</summary>
    public Task<IReadOnlyList<ApiKeyView>> ListKeysAsync(string? tenant, string? site, string? owner, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        Add(query, "tenant", tenant);
        Add(query, "site", site);
        Add(query, "owner", owner);
        var path = query.Count == 0 ? "api/v1/keys" : "api/v1/keys?" + string.Join('&', query);
        return _api.SendAsync<IReadOnlyList<ApiKeyView>>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>Revokes a key by its public id.</summary>
    public async Task RevokeKeyAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _api.SendAsync(HttpMethod.Delete, $"api/v1/keys/{Uri.EscapeDataString(id)}", null, null, cancellationToken).ConfigureAwait(false);
    }
}
