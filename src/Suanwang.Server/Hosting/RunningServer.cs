using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Dispatch;

namespace Suanwang.Server.Hosting;

/// <summary>A started server: where it listens, the bootstrap admin key, and how to stop it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LeaderStatus _leader;
    private int _stopped;

    internal RunningServer(WebApplication app, IReadOnlyList<string> urls, string? adminKey)
    {
        _app = app;
        _leader = app.Services.GetRequiredService<LeaderStatus>();
        Urls = urls;
        AdminKey = adminKey;
    }

    /// <summary>The bound URLs, with the actual port when port 0 was asked for.</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>The first bound URL, for example <c>http://127.0.0.1:8420</c>.</summary>
    public Uri Url => new(Urls[0]);

    /// <summary>The admin key created on this first start (show it once, keep it in the data folder); null when the store already had one.</summary>
    public string? AdminKey { get; }

    /// <summary>Whether this server runs the scheduler loop now (holds the lease).</summary>
    public bool IsScheduling => _leader.IsLeader;

    /// <summary>The server's services, for hosts that need to reach into it.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Stops listening and the background loops, giving up the scheduler lease.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
