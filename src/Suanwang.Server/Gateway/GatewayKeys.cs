using System.Collections.Concurrent;
using System.Globalization;
using Suanwang.ControlPlane.Tenants;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Gateway;

/// <summary>
/// The gateway's bearer keys, read from the store once per <see cref="GatewayOptions.KeyLifetime"/>
/// per key rather than once per request: a revoked key stops working within that time. Keys never
/// issued are looked up again each time (they cost a read, and are not remembered).
/// </summary>
internal sealed class GatewayKeys(IStore store, GatewayOptions options, TimeProvider time)
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, (ApiKeyRecord Key, DateTimeOffset ReadAt)> _keys = new(StringComparer.Ordinal);

    /// <summary>The tenant key (or admin key) behind an Authorization header; throws a 401 or 403 <see cref="GatewayError"/> otherwise.</summary>
    public async ValueTask<ApiKeyRecord> AuthenticateAsync(string? header, CancellationToken cancellationToken)
    {
        const string Bearer = "Bearer ";
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || header.Length == Bearer.Length)
        {
            throw new GatewayError(401, "You didn't provide an API key. Send your Suanwang tenant key as 'Authorization: Bearer KEY'.", "invalid_request_error", null, "missing_api_key");
        }

        var hash = ApiKeys.Hash(header[Bearer.Length..].Trim());
        var now = time.GetUtcNow();
        ApiKeyRecord? key;
        if (_keys.TryGetValue(hash, out var known) && now - known.ReadAt < options.KeyLifetime)
        {
            key = known.Key;
        }
        else
        {
            key = await store.FindApiKeyAsync(hash, cancellationToken).ConfigureAwait(false);
            if (key is not null)
            {
                if (_keys.Count >= MaxRemembered)
                {
                    _keys.Clear();
                }

                _keys[hash] = (key, now);
            }
        }

        if (key is null)
        {
            throw new GatewayError(401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
        }

        switch (ApiKeys.StateAt(key, now))
        {
            case "revoked":
                throw new GatewayError(401, $"API key {key.Id} was revoked at {Stamp(key.RevokedAt)}; ask an admin for a new one.", "invalid_request_error", null, "invalid_api_key");
            case "expired":
                throw new GatewayError(401, $"API key {key.Id} expired at {Stamp(key.ExpiresAt)}; ask an admin for a new one.", "invalid_request_error", null, "invalid_api_key");
        }

        if (key.Role == KeyRole.Provider)
        {
            throw new GatewayError(403, $"API key {key.Id} is a provider key; the gateway takes tenant and admin keys.", "permission_error", null, "provider_key");
        }

        if (key.Tenant is null)
        {
            throw new GatewayError(403, $"API key {key.Id} is the agent key of site {key.Site}; the gateway takes tenant and admin keys.", "permission_error", null, "agent_key");
        }

        return key;
    }

    private static string Stamp(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "an unknown time";
}
