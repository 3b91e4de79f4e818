using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Tenants;

public sealed partial class TenantDirectory
{
    /// <summary>Issues an admin or tenant key for an existing tenant; the answer holds the secret, the store only its hash.</summary>
    public async Task<Outcome<ApiKeyIssued>> IssueKeyAsync(string tenant, NewApiKey body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (ExpiryProblem(body.ExpiresAt) is { } expiry)
        {
            return expiry;
        }

        if (await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return new Refusal(RefusalKind.NotFound, $"tenant '{tenant}' does not exist");
        }

        var tokens = KeyTokenRules.Check(body, market.Value.Currency);
        if (tokens.Refused)
        {
            return tokens.Refusal;
        }

        return await IssueAsync(body.Admin ? KeyRole.Admin : KeyRole.Tenant, tenant, null, body.ExpiresAt, cancellationToken, tokens.Value).ConfigureAwait(false);
    }

    /// <summary>
    /// Issues an agent key for one site: it may register, heartbeat and report for that site only.
    /// The site need not be registered yet: its operator gets the key before the agent first starts.
    /// </summary>
    public async Task<Outcome<ApiKeyIssued>> IssueAgentKeyAsync(string site, NewAgentKey body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (SiteDirectory.IdProblem(site) is { } idProblem)
        {
            return Refusal.BadField("id", idProblem);
        }

        return ExpiryProblem(body.ExpiresAt) is { } expiry
            ? expiry
            : await IssueAsync(KeyRole.Agent, null, site, body.ExpiresAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Issues a provider key for one site owner: it may read that provider's statement and sites
    /// only. The owner need not have a registered site yet, as for an agent key.
    /// </summary>
    public async Task<Outcome<ApiKeyIssued>> IssueProviderKeyAsync(string owner, NewProviderKey body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (SiteDirectory.OwnerProblem(owner) is { } ownerProblem)
        {
            return Refusal.BadField("owner", ownerProblem);
        }

        return ExpiryProblem(body.ExpiresAt) is { } expiry
            ? expiry
            : await IssueAsync(KeyRole.Provider, null, null, body.ExpiresAt, cancellationToken, owner: owner).ConfigureAwait(false);
    }

    /// <summary>Keys, oldest first, of one tenant, one site and/or one provider when given, with their state now; never their secrets.</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListKeysAsync(string? tenant, string? site, string? owner, CancellationToken cancellationToken)
    {
        var keys = await store.ListApiKeysAsync(tenant, site, owner, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var currency = market.Value.Currency;
        return [.. keys.Select(key => new ApiKeyView(
            key.Id, KeyRoles.Name(key.Role), key.Tenant, key.Site, key.CreatedAt, key.ExpiresAt, key.RevokedAt, ApiKeys.StateAt(key, now),
            key.Jurisdictions, key.RequestsPerMinute, key.TokensPerMinute, key.SpendPerMonth is { } spend ? MinorUnits.Format(spend, currency) : null, key.Owner))];
    }

    /// <summary>Revokes a key now; requests with it are refused from then on. False when there is no such key.</summary>
    public Task<bool> RevokeKeyAsync(string id, CancellationToken cancellationToken) => store.RevokeApiKeyAsync(id, time.GetUtcNow(), cancellationToken);

    private async Task<ApiKeyIssued> IssueAsync(KeyRole role, string? tenant, string? site, DateTimeOffset? expiresAt, CancellationToken cancellationToken, KeyTokenPolicy? tokens = null, string? owner = null)
    {
        var secret = ApiKeys.NewSecret();
        var key = new ApiKeyRecord(
            ApiKeys.NewId(), ApiKeys.Hash(secret), role, tenant, site, time.GetUtcNow(), expiresAt,
            Jurisdictions: tokens?.Jurisdictions, RequestsPerMinute: tokens?.RequestsPerMinute, TokensPerMinute: tokens?.TokensPerMinute, SpendPerMonth: tokens?.SpendPerMonth, Owner: owner);
        await store.CreateApiKeyAsync(key, cancellationToken).ConfigureAwait(false);
        return new ApiKeyIssued(key.Id, KeyRoles.Name(role), tenant, site, expiresAt, secret, owner);
    }

    private Refusal? ExpiryProblem(DateTimeOffset? expiresAt) =>
        expiresAt is { } at && at <= time.GetUtcNow()
            ? Refusal.BadField("expires_at", $"the expiry {at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} is not in the future; leave it out for a key that does not expire")
            : null;
}
