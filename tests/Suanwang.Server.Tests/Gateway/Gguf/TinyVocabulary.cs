using System.Security.Cryptography;
using Suanwang.Inference;
using Suanwang.Server.Gateway;
using Suanwang.Server.Gateway.Gguf;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Gateway.Gguf;

/// <summary>The built-in model server with the tiny model, and the gateway's tokenizer made from the document it serves.</summary>
public sealed class TinyVocabulary : IAsyncLifetime
{
    private ModelServer? _server;
    private PromptTokenizer? _tokenizer;
    private SpmCounter? _counter;

    /// <summary>The model server.</summary>
    public ModelServer Server => _server ?? throw new InvalidOperationException("the tiny model is not here; the test should have been skipped");

    internal PromptTokenizer Tokenizer => _tokenizer!;

    internal SpmCounter Counter => _counter!;

    /// <summary>The document as fetched.</summary>
    public byte[] Document { get; private set; } = [];

    /// <summary>The digest header it came with.</summary>
    public string DigestHeader { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (ModelPaths.Tiny is null)
        {
            return;
        }

        _server = await ModelServer.StartAsync(new ModelServerOptions { ModelId = "tiny", ModelPath = ModelPaths.Tiny, Capacity = 1, ContextLength = 4096, Threads = 1 }, CancellationToken.None);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.Url + "/suanwang/tokenizer"));
        response.EnsureSuccessStatusCode();
        Document = await response.Content.ReadAsByteArrayAsync();
        DigestHeader = response.Headers.GetValues("Suanwang-Tokenizer-Digest").Single();
        _tokenizer = GgufDocument.Parse(Document);
        _counter = Parse(Document);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>SHA-256 of the document, lower-case hex.</summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Document));

    // The counter with its special-token flags, for counts with BOS.
    private static SpmCounter Parse(byte[] document)
    {
        using var json = System.Text.Json.JsonDocument.Parse(document);
        var root = json.RootElement;
        return new SpmCounter(
            [.. root.GetProperty("tokens").EnumerateArray().Select(e => e.GetString()!)],
            [.. root.GetProperty("scores").EnumerateArray().Select(e => e.GetSingle())],
            [.. root.GetProperty("token_types").EnumerateArray().Select(e => e.GetInt32())],
            root.GetProperty("add_bos").GetBoolean(),
            root.GetProperty("add_eos").GetBoolean(),
            root.GetProperty("add_space_prefix").GetBoolean());
    }
}
