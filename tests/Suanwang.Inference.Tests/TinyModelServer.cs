using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using Suanwang.Testing;

namespace Suanwang.Inference.Tests;

/// <summary>The built-in model server with the tiny random model on 127.0.0.1, shared by a test class.</summary>
public sealed class TinyModelServer : IAsyncLifetime
{
    public const string ModelId = "tiny";

    private ModelServer? _server;

    public ModelServer Server => _server ?? throw new InvalidOperationException("the tiny model is not here; the test should have been skipped");

    public static ModelServerOptions Options(int capacity, int contextLength) => new()
    {
        ModelId = ModelId,
        ModelPath = ModelPaths.Tiny!,
        Capacity = capacity,
        ContextLength = contextLength,
        Threads = 2,
        MaxRequestBytes = 1024 * 1024,
    };

    public static OpenAIClientOptions ClientOptions(ModelServer server) => new()
    {
        Endpoint = server.Url,
        // The tests look at each answer as the server gave it.
        RetryPolicy = new ClientRetryPolicy(0),
    };

    public ChatClient Chat() => new(ModelId, new ApiKeyCredential("unused"), ClientOptions(Server));

    public OpenAIClient Client() => new(new ApiKeyCredential("unused"), ClientOptions(Server));

    public async Task InitializeAsync()
    {
        if (ModelPaths.Tiny is not null)
        {
            _server = await ModelServer.StartAsync(Options(capacity: 8, contextLength: 1024), CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
