using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Protocol.Tenants;

namespace Suanwang.Cli.Commands;

/// <summary>
/// The agent key <c>up</c> gives its embedded agent: issued for the embedded site with the admin
/// key at each start, revoked at each stop, so the agent holds no more than its own site needs.
/// </summary>
internal static class EmbeddedAgentKey
{
    /// <summary>Issues the agent key of <paramref name="site"/>.</summary>
    public static async Task<ApiKeyIssued> IssueAsync(ClientSettings admin, string site, CancellationToken cancellationToken)
    {
        using var client = new SuanwangClient(admin);
        return await client.IssueAgentKeyAsync(site, new NewAgentKey(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes the key; a failure is noted, not thrown, since the server is stopping anyway.</summary>
    public static async Task RevokeAsync(ClientSettings admin, ApiKeyIssued key, ConsoleInteraction console)
    {
        try
        {
            using var client = new SuanwangClient(admin);
            await client.RevokeKeyAsync(key.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            console.Note($"the embedded agent's key {key.Id} could not be revoked: {e.Message}; revoke it with 'suanwang key revoke {key.Id}'");
        }
    }
}
