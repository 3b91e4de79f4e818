using System.Net;

namespace Suanwang.Server.Gateway;

/// <summary>
/// The one HTTP client the gateway sends upstream with: pooled keep-alive connections per endpoint
/// (recycled every two minutes so DNS changes are seen), no proxy, no decompression (bytes pass
/// through as the upstream sent them), no overall timeout (streams last as long as they last; the
/// gateway bounds the wait for the first byte itself), and no trace context: the platform's trace
/// ids are not sent to another owner's server, and no activity is made per request.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    /// <summary>Creates the client.</summary>
    public UpstreamClient()
    {
        Http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            MaxConnectionsPerServer = 1024,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ActivityHeadersPropagator = null,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The client.</summary>
    public HttpClient Http { get; }

    /// <inheritdoc />
    public void Dispose() => Http.Dispose();
}
