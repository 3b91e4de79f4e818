using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Suanwang.Server.Tests.Gateway.Gguf;

/// <summary>A model endpoint that serves only a small SentencePiece tokenizer document, counting the fetches; it can fail or hold each fetch until released.</summary>
public sealed class TokenizerHost : IAsyncDisposable
{
    /// <summary>"▁a" is one token, so "a a a a" is 4 tokens (7 bytes).</summary>
    public static readonly byte[] Document = Encoding.UTF8.GetBytes("""
        {"model":"llama","pre":"","add_bos":true,"add_eos":false,"add_space_prefix":true,"template":{"tokens_per_message":3,"tokens_per_request":5},
         "tokens":["<unk>","<s>","</s>","▁","a","▁a","b"],"scores":[0,0,0,-1,-2,-3,-4],"token_types":[2,3,3,1,1,1,1],"merges":[]}
        """);

    private readonly WebApplication _app;
    private int _fetches;

    private TokenizerHost(WebApplication app) => _app = app;

    /// <summary>SHA-256 of <see cref="Document"/>.</summary>
    public static string Digest { get; } = Convert.ToHexStringLower(SHA256.HashData(Document));

    /// <summary>The base URL, ending in /v1.</summary>
    public string Url => _app.Urls.First() + "/v1";

    /// <summary>Another endpoint's base URL on the same host.</summary>
    public string UrlOf(int endpoint) => _app.Urls.First() + $"/e{endpoint}/v1";

    /// <summary>Fetches answered or begun.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>Answer 500 while set.</summary>
    public bool Fail { get; set; }

    /// <summary>When set, each fetch waits for it.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public static async Task<TokenizerHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var host = new TokenizerHost(app);
        async Task Serve(HttpContext http)
        {
            Interlocked.Increment(ref host._fetches);
            if (host.Hold is { } hold)
            {
                await hold.Task;
            }

            if (host.Fail)
            {
                http.Response.StatusCode = 500;
                return;
            }

            http.Response.ContentType = "application/json";
            http.Response.ContentLength = Document.Length;
            await http.Response.Body.WriteAsync(Document);
        }

        app.MapGet("/v1/suanwang/tokenizer", Serve);
        app.MapGet("/{endpoint}/v1/suanwang/tokenizer", Serve);
        await app.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
