using System.CommandLine;
using Suanwang.Core.Errors;

namespace Suanwang.Cli.Commands;

/// <summary>The <c>--tenant</c> option of <c>balance</c> and <c>statement</c>.</summary>
internal static class TenantOption
{
    public static Option<string?> Create(string description) => new("--tenant") { Description = description };

    /// <summary>
    /// The tenant named, or the user's error: the API does not tell a client which tenant its key
    /// acts for, so the CLI cannot default it.
    /// </summary>
    public static string Required(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InputException("--tenant", 0, "--tenant", "name the tenant: the CLI cannot tell which tenant an API key acts for (the admin key's is 'admin')")
            : value.Trim();
}
