using System.Security.Cryptography;
using System.Text;

namespace Suanwang.ControlPlane.Market;

/// <summary>What tells a replayed request from a different one sent under the same Idempotency-Key.</summary>
public static class RequestFingerprint
{
    /// <summary>Lower-case hex SHA-256 of a request's media type and body.</summary>
    public static string Of(string mediaType, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mediaType + "\n" + body)));
}
