using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Suanwang.Inference;

/// <summary>The built-in model server: one GGUF model behind the OpenAI routes on 127.0.0.1.</summary>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ModelServer(WebApplication app, ModelRuntime runtime, Uri url)
    {
        _app = app;
        Runtime = runtime;
        Url = url;
    }

    /// <summary>The loaded model.</summary>
    public ModelRuntime Runtime { get; }

    /// <summary>The OpenAI-compatible base URL, ending in <c>/v1</c>.</summary>
    public Uri Url { get; }

    /// <summary>The endpoint as a site would publish it.</summary>
    public ModelEndpoint Endpoint => new(Runtime.ModelId, Runtime.ContextLength, Runtime.Capacity, Url, Runtime.Tokenizer?.Digest);

    /// <summary>Loads the model and listens on 127.0.0.1 at <see cref="ModelServerOptions.Port"/> (0 picks a free port).</summary>
    public static async Task<ModelServer> StartAsync(ModelServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"{options.Port} is not a port number (0 to 65535)", nameof(options));
        }

        var runtime = await ModelRuntime.LoadAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ModelServer).Assembly.GetName().Name });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, options.Port);
                k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
                k.AddServerHeader = false;
            });
            var app = builder.Build();
            app.MapOpenAiApi(runtime);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(address).Port;
            var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/v1"));
            return new ModelServer(app, runtime, url);
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops listening, ends the requests in flight and frees the model.</summary>
    public async ValueTask DisposeAsync()
    {
        // A stream may run for minutes; after a second the connections still open are closed.
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await Runtime.DisposeAsync().ConfigureAwait(false);
    }
}
