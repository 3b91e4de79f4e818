using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Suanwang.ControlPlane.Tenants;

/// <summary>API key secrets: 32 random bytes in base64url, stored only as a SHA-256 hash.</summary>
public static class ApiKeys
{
    /// <summary>A new secret to hand out once.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new short public key id.</summary>
    public static string NewId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Lower-case hex SHA-256 of a secret, as stored.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
