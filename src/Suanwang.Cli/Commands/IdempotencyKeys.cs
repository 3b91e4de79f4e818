using System.Security.Cryptography;

namespace Suanwang.Cli.Commands;

/// <summary>Keys that make a retried <c>order</c> or <c>topup</c> safe: the server answers a repeated key with the first result.</summary>
internal static class IdempotencyKeys
{
    /// <summary>A new random key; never derived from the request, so the same file ordered twice is two orders.</summary>
    public static string New() => "cli-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
