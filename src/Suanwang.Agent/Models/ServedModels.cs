using Suanwang.Inference;

namespace Suanwang.Agent.Models;

/// <summary>The models an agent serves itself, each on its own local port, until disposed.</summary>
public sealed class ServedModels : IAsyncDisposable
{
    private readonly List<ModelServer> _servers;

    private ServedModels(List<ModelServer> servers) => _servers = servers;

    /// <summary>The endpoints as the site publishes them: model id, context length, capacity, URL.</summary>
    public IReadOnlyList<ModelEndpoint> Endpoints => _servers.ConvertAll(s => s.Endpoint);

    /// <summary>Loads each model and starts its server; if one fails, those already started are stopped.</summary>
    public static async Task<ServedModels> StartAsync(IReadOnlyList<ModelServerOptions> models, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        var servers = new List<ModelServer>(models.Count);
        try
        {
            foreach (var model in models)
            {
                servers.Add(await ModelServer.StartAsync(model, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            await new ServedModels(servers).DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new ServedModels(servers);
    }

    /// <summary>Stops every server and frees its model.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _servers.Clear();
    }
}
