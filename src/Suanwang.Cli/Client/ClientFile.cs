using System.Text.Json;
using System.Text.Json.Serialization;

namespace Suanwang.Cli.Client;

/// <summary>
/// <c>client.json</c> in the data folder: where <c>suanwang up</c> listens and its admin key, so the
/// client commands on this machine find the server. Written with mode 600: it holds a secret.
/// </summary>
/// <param name="Server">The server's URL.</param>
/// <param name="ApiKey">The admin API key.</param>
internal sealed record ClientFile(
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("api_key")] string ApiKey)
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "client.json";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The file's path in <paramref name="dataFolder"/>.</summary>
    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, FileName);

    /// <summary>Reads the file in <paramref name="dataFolder"/>; null when there is none.</summary>
    public static async Task<ClientFile?> ReadAsync(string dataFolder, CancellationToken cancellationToken)
    {
        var path = PathIn(dataFolder);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var file = await JsonSerializer.DeserializeAsync<ClientFile>(stream, s_json, cancellationToken).ConfigureAwait(false);
            return file is { Server.Length: > 0, ApiKey.Length: > 0 } ? file : null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a client file: {e.Message}", e);
        }
    }

    /// <summary>Writes the file into <paramref name="dataFolder"/>, readable by its owner only, replacing any earlier one.</summary>
    public async Task WriteAsync(string dataFolder, CancellationToken cancellationToken)
    {
        var path = PathIn(dataFolder);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temp, options))
        {
            await JsonSerializer.SerializeAsync(stream, this, s_json, cancellationToken).ConfigureAwait(false);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file; a leftover temp file keeps its old mode.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }
}
