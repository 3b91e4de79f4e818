using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Suanwang.Gateway.Bench;

/// <summary>
/// The thinnest relay ASP.NET Core and HttpClient allow: every request under <c>/v1/</c> is sent on
/// to the upstream as it is (method, path, body, content type, authorization) and the answer is
/// copied back as it arrives. No keys, routing, billing or metering: what it costs is the floor
/// for a gateway written on this stack, measured on the same machine in the same run.
/// </summary>
internal static class BenchRelay
{
    /// <summary>The line it prints on standard output once it listens, followed by its base URL.</summary>
    public const string ListeningLine = "relay listening on ";

    /// <summary>Runs the relay in front of <c>--upstream URL</c> until standard input closes (with <c>--exit-on-stdin-eof</c>) or Ctrl-C.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        Uri? upstream = null;
        var port = 0;
        var exitOnEof = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--upstream" when i + 1 < args.Length: upstream = Target.Base(args[++i]); break;
                case "--port" when i + 1 < args.Length: port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--exit-on-stdin-eof": exitOnEof = true; break;
                default:
                    await Console.Error.WriteLineAsync($"relay: unknown option {args[i]}; usage: relay --upstream URL [--port N] [--exit-on-stdin-eof]");
                    return 2;
            }
        }

        if (upstream is null)
        {
            await Console.Error.WriteLineAsync("relay: --upstream URL is required");
            return 2;
        }

        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });
        await using var app = builder.Build();
        app.Run(context => RelayAsync(context, client, upstream));
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"relay: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return 1;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ListeningLine + address + "/v1");
        Console.Out.Flush();
        if (exitOnEof)
        {
            await Task.WhenAny(Task.Run(() => Console.In.ReadToEnd()), app.WaitForShutdownAsync());
        }
        else
        {
            await app.WaitForShutdownAsync();
        }

        await app.StopAsync();
        return 0;
    }

    private static async Task RelayAsync(HttpContext context, HttpClient client, Uri upstream)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(upstream, path[4..] + context.Request.QueryString));
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        if (context.Request.Headers.Authorization is { Count: > 0 } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization.ToString());
        }

        using var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        context.Response.ContentLength = answer.Content.Headers.ContentLength;
        await using var body = await answer.Content.ReadAsStreamAsync(context.RequestAborted);
        // Response.Body flushes on each write, so SSE events go out as they come in.
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
