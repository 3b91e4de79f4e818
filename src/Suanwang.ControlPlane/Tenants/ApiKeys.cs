using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Tenants;

/// <summary>API key secrets: 32 random bytes in base64url, stored only as a SHA-256 hash.</summary>
public static class ApiKeys
{
    /// <summary>A new secret to hand out once.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new short public key id.</summary>
    public static string NewId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Active, expired or revoked: the state of <paramref name="key"/> at <paramref name="now"/>; revoked wins over expired.</summary>
    public static string StateAt(ApiKeyRecord key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.RevokedAt is not null ? "revoked" : key.ExpiresAt is { } expires && expires <= now ? "expired" : "active";
    }

    /// <summary>Lower-case hex SHA-256 of a secret, as stored.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
