using Suanwang.ControlPlane.Tokens;
using Suanwang.Protocol.Tokens;
using Suanwang.Scheduling.Tokens;
using Suanwang.Server.Gateway;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Gateway.Gguf;

public sealed class PromptTokenizersTests : IAsyncLifetime, IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly UpstreamClient _upstream = new();
    private TokenizerHost? _host;

    private TokenizerHost Host => _host!;

    public async Task InitializeAsync() => _host = await TokenizerHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose() => _upstream.Dispose();

    [Fact]
    public async Task Resolve_OfAGgufEndpoint_FetchesItsVocabularyOnce_ForManyRequestsAtOnce()
    {
        var tokenizers = new PromptTokenizers(_upstream, _time);
        var endpoint = Endpoint(Host.Url, TokenizerHost.Digest);
        Host.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiting = Enumerable.Range(0, 20).Select(_ => tokenizers.ResolveAsync(endpoint, CancellationToken.None).AsTask()).ToList();
        await Eventually.TrueAsync(() => Host.Fetches == 1, "the first fetch");
        Assert.True(tokenizers.For(endpoint).IsBytes);
        Host.Hold.SetResult();
        var resolved = await Task.WhenAll(waiting);

        Assert.All(resolved, t => Assert.Equal(4, t.Count("a a a a")));
        Assert.Equal((3, 5), tokenizers.For(endpoint).Template);
        Assert.Equal(4, (await tokenizers.ResolveAsync(endpoint, CancellationToken.None)).Count("a a a a"));
        Assert.Equal(1, Host.Fetches);
    }

    [Fact]
    public async Task Resolve_WhenTheDocumentDoesNotMatchThePublishedDigest_CountsInBytes()
    {
        var tokenizers = new PromptTokenizers(_upstream, _time);

        var tokenizer = await tokenizers.ResolveAsync(Endpoint(Host.Url, new string('0', 64)), CancellationToken.None);

        Assert.True(tokenizer.IsBytes);
        Assert.Equal(7, tokenizer.Count("a a a a"));
    }

    [Fact]
    public async Task Resolve_WhenTheFetchFails_CountsInBytes_AndFetchesAgainOnlyAfterTheRetryTime()
    {
        var tokenizers = new PromptTokenizers(_upstream, _time);
        var endpoint = Endpoint(Host.Url, TokenizerHost.Digest);
        Host.Fail = true;

        var failed = await tokenizers.ResolveAsync(endpoint, CancellationToken.None);
        var soon = await tokenizers.ResolveAsync(endpoint, CancellationToken.None);
        Host.Fail = false;
        _time.Advance(PromptTokenizers.RetryAfter - TimeSpan.FromSeconds(1));
        var stillSoon = await tokenizers.ResolveAsync(endpoint, CancellationToken.None);
        var fetchesBefore = Host.Fetches;
        _time.Advance(TimeSpan.FromSeconds(1));
        var later = await tokenizers.ResolveAsync(endpoint, CancellationToken.None);

        Assert.True(failed.IsBytes && soon.IsBytes && stillSoon.IsBytes);
        Assert.Equal(1, fetchesBefore);
        Assert.False(later.IsBytes);
        Assert.Equal(2, Host.Fetches);
    }

    [Fact]
    public async Task Resolve_OfAnEndpointNobodyListensAt_CountsInBytes()
    {
        var tokenizers = new PromptTokenizers(_upstream, _time);

        var tokenizer = await tokenizers.ResolveAsync(Endpoint($"http://127.0.0.1:{Loopback.UnusedPort()}/v1", TokenizerHost.Digest), CancellationToken.None);

        Assert.True(tokenizer.IsBytes);
    }

    [Fact]
    public async Task Resolve_KeepsAtMostTheBoundOfVocabularies_TheLeastRecentlyUsedGoingFirst()
    {
        var tokenizers = new PromptTokenizers(_upstream, _time);
        var endpoints = Enumerable.Range(0, PromptTokenizers.MaxVocabularies + 1).Select(i => Endpoint(Host.UrlOf(i), TokenizerHost.Digest)).ToList();

        foreach (var endpoint in endpoints)
        {
            await tokenizers.ResolveAsync(endpoint, CancellationToken.None);
        }

        Assert.True(tokenizers.For(endpoints[0]).IsBytes);
        Assert.All(endpoints.Skip(1), e => Assert.False(tokenizers.For(e).IsBytes));
    }

    private static GatewayEndpoint Endpoint(string url, string digest) =>
        new(new InferenceEndpoint { Id = "cn/tiny", SiteId = "cn", Country = "CN", ModelId = "tiny", Capacity = 4 }, url, "owner", "builtin", true, true, SiteModel.Gguf, digest);
}
