using System.Security.Cryptography;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Protocol.Tokens;
using Suanwang.Server.Gateway.Gguf;

namespace Suanwang.Server.Gateway;

/// <summary>
/// The gateway's tokenizers by what endpoints publish (<see cref="SiteModel.Tokenizer"/>); unknown
/// or missing names get the byte bound. A built-in model's own vocabulary (<c>gguf</c>) is fetched
/// from its endpoint once per (endpoint, digest), one fetch at a time, and kept for at most
/// <see cref="MaxVocabularies"/> endpoints (the least recently used goes first); while it cannot be
/// fetched, requests are bounded in bytes and the fetch is tried again after <see cref="RetryAfter"/>.
/// </summary>
internal sealed class PromptTokenizers(UpstreamClient upstream, TimeProvider time)
{
    /// <summary>Most vocabularies kept at once.</summary>
    public const int MaxVocabularies = 8;

    /// <summary>Largest tokenizer document fetched.</summary>
    public const long MaxDocumentBytes = 64L * 1024 * 1024;

    /// <summary>How long a failed fetch is remembered before it is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan s_fetchTimeout = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Url, string Digest), Entry> _gguf = [];
    private long _uses;

    /// <summary>The tokenizer for <paramref name="endpoint"/> as it stands: a <c>gguf</c> vocabulary only once fetched, else the byte bound.</summary>
    public PromptTokenizer For(GatewayEndpoint? endpoint) => endpoint?.Tokenizer switch
    {
        SiteModel.Cl100k => PromptTokenizer.Cl100k,
        SiteModel.O200k => PromptTokenizer.O200k,
        SiteModel.Gguf when endpoint.TokenizerDigest is { } digest => Cached(endpoint.Url, digest) ?? PromptTokenizer.Bytes,
        _ => PromptTokenizer.Bytes,
    };

    /// <summary>The tokenizer for <paramref name="endpoint"/>, fetching its <c>gguf</c> vocabulary first when this gateway has none; the byte bound when the fetch fails.</summary>
    public async ValueTask<PromptTokenizer> ResolveAsync(GatewayEndpoint? endpoint, CancellationToken cancellationToken)
    {
        if (endpoint is not { Tokenizer: SiteModel.Gguf, TokenizerDigest: { } digest })
        {
            return For(endpoint);
        }

        Task<PromptTokenizer?>? fetch;
        lock (_lock)
        {
            fetch = Entered(endpoint.Url, digest);
        }

        return fetch is null ? PromptTokenizer.Bytes : await fetch.WaitAsync(cancellationToken).ConfigureAwait(false) ?? PromptTokenizer.Bytes;
    }

    private PromptTokenizer? Cached(string url, string digest)
    {
        lock (_lock)
        {
            if (_gguf.TryGetValue((url, digest), out var entry) && entry.Fetch.IsCompletedSuccessfully)
            {
                entry.LastUse = ++_uses;
                return entry.Fetch.Result;
            }
        }

        return null;
    }

    // The fetch of (url, digest): the one in flight or done, a new one when there is none or the
    // last failed long enough ago; null when every kept vocabulary is still being fetched.
    private Task<PromptTokenizer?>? Entered(string url, string digest)
    {
        var key = (url, digest);
        if (_gguf.TryGetValue(key, out var entry) && !(entry.FailedAt is { } failed && time.GetUtcNow() - failed >= RetryAfter))
        {
            entry.LastUse = ++_uses;
            return entry.Fetch;
        }

        // An endpoint that publishes a new digest has a new model: its old vocabulary goes.
        foreach (var old in _gguf.Keys.Where(k => k.Url == url).ToList())
        {
            _gguf.Remove(old);
        }

        if (_gguf.Count >= MaxVocabularies)
        {
            var oldest = _gguf.Where(e => e.Value.Fetch.IsCompleted).OrderBy(e => e.Value.LastUse).Select(e => (KeyValuePair<(string, string), Entry>?)e).FirstOrDefault();
            if (oldest is null)
            {
                return null;
            }

            _gguf.Remove(oldest.Value.Key);
        }

        entry = new Entry { LastUse = ++_uses };
        entry.Fetch = FetchAsync(url, digest, entry);
        _gguf[key] = entry;
        return entry.Fetch;
    }

    // Never throws: a failure is remembered on the entry and the caller counts in bytes.
    private async Task<PromptTokenizer?> FetchAsync(string url, string digest, Entry entry)
    {
        await Task.Yield();
        try
        {
            using var timeout = new CancellationTokenSource(s_fetchTimeout, time);
            using var response = await upstream.Http.GetAsync(url + "/suanwang/tokenizer", HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength is not { } length || length > MaxDocumentBytes)
            {
                throw new InvalidDataException($"GET {url}/suanwang/tokenizer answered {(int)response.StatusCode} with {response.Content.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} length");
            }

            var body = new byte[length];
            await using (var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false))
            {
                await stream.ReadExactlyAsync(body, timeout.Token).ConfigureAwait(false);
            }

            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(body)), digest, StringComparison.Ordinal))
            {
                throw new InvalidDataException("the tokenizer document does not match the digest its site published");
            }

            return GgufDocument.Parse(body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or OperationCanceledException)
        {
            entry.FailedAt = time.GetUtcNow();
            return null;
        }
    }

    private sealed class Entry
    {
        public Task<PromptTokenizer?> Fetch { get; set; } = Task.FromResult<PromptTokenizer?>(null);

        public long LastUse { get; set; }

        public DateTimeOffset? FailedAt { get; set; }
    }
}
