using Suanwang.Core.Errors;

namespace Suanwang.Cli.Client;

/// <summary>The server a client command talks to and the key it sends.</summary>
/// <param name="Server">The server's base URL.</param>
/// <param name="ApiKey">The API key.</param>
internal sealed record ClientSettings(Uri Server, string ApiKey)
{
    /// <summary>Environment variable naming the server's URL.</summary>
    public const string ServerVariable = "SUANWANG_SERVER";

    /// <summary>Environment variable holding the API key.</summary>
    public const string ApiKeyVariable = "SUANWANG_API_KEY";

    /// <summary>
    /// Resolves each of the URL and the key on its own: the flag, else the environment, else
    /// <c>client.json</c> in the data folder. Throws <see cref="InputException"/> when one is nowhere.
    /// </summary>
    public static async Task<ClientSettings> ResolveAsync(
        string? serverFlag,
        string? apiKeyFlag,
        string? dataFlag,
        Func<string, string?> environment,
        CancellationToken cancellationToken)
    {
        var server = NonEmpty(serverFlag) ?? NonEmpty(environment(ServerVariable));
        var key = NonEmpty(apiKeyFlag) ?? NonEmpty(environment(ApiKeyVariable));
        var folder = DataFolder.Resolve(dataFlag, environment(DataFolder.EnvironmentVariable));
        if (server is null || key is null)
        {
            var file = await ClientFile.ReadAsync(folder, cancellationToken).ConfigureAwait(false);
            server ??= file?.Server;
            key ??= file?.ApiKey;
        }

        if (server is null)
        {
            throw new InputException("--server", 0, "--server", $"no server: pass --server URL, set {ServerVariable}, or run 'suanwang up' (it writes {ClientFile.PathIn(folder)})");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InputException("--server", 0, "--server", $"'{server}' is not an http or https URL");
        }

        if (key is null)
        {
            throw new InputException("--api-key", 0, "--api-key", $"no API key: pass --api-key KEY, set {ApiKeyVariable}, or run 'suanwang up' (it writes {ClientFile.PathIn(folder)})");
        }

        return new ClientSettings(url, key);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
