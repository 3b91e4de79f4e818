using System.Text;
using System.Text.Json;

namespace Suanwang.Cli.Client;

internal sealed partial class SuanwangClient
{
    /// <summary>POSTs JSON text to <paramref name="path"/> and gives the answer as JSON.</summary>
    public async Task<JsonElement> PostJsonAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _api.SendAsync<JsonElement>(HttpMethod.Post, path, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs <paramref name="path"/> as JSON.</summary>
    public Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        _api.SendAsync<JsonElement>(HttpMethod.Get, path, null, cancellationToken);
}
