using System.Security.Cryptography;
using System.Text;

namespace Suanwang.Agent.Sandbox;

/// <summary>Names derived from a tenant id that the file system and the user database accept: deterministic, bounded, never ambiguous.</summary>
public static class TenantNames
{
    /// <summary>The longest Linux user name that every tool accepts.</summary>
    public const int MaxUserName = 32;

    /// <summary>The prefix of the users the agent creates for tenants.</summary>
    public const string UserPrefix = "sw-";

    private const int HashChars = 8;

    /// <summary>
    /// The Unix user of <paramref name="tenant"/>: <c>sw-</c> and the tenant id when that is a safe user
    /// name of at most 32 characters; otherwise <c>sw-</c>, the id's first safe characters and a hash
    /// of the whole id, so two tenants never share a user.
    /// </summary>
    public static string User(string tenant) => UserPrefix + Bounded(tenant, MaxUserName - UserPrefix.Length);

    /// <summary>The folder of <paramref name="tenant"/> under the jobs folder: the tenant id when it is safe, else a bounded form with a hash.</summary>
    public static string Folder(string tenant) => Bounded(tenant, 64);

    private static string Bounded(string tenant, int max)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var safe = new StringBuilder(tenant.Length);
        foreach (var c in tenant)
        {
            safe.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' ? c : '_');
        }

        var text = safe.ToString();
        if (text == tenant && text.Length > 0 && text.Length <= max && text[0] != '-')
        {
            return text;
        }

        // Lossy or too long: keep a readable prefix and make it unique with a hash of the exact id.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant)))[..HashChars];
        var prefix = text.TrimStart('-', '_');
        prefix = prefix[..Math.Min(prefix.Length, max - HashChars - 1)];
        return prefix.Length == 0 ? hash : prefix + "-" + hash;
    }
}
