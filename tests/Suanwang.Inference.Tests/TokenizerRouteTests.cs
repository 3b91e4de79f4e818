using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Suanwang.Inference.Vocabulary;
using Suanwang.Testing;

namespace Suanwang.Inference.Tests;

public sealed class TokenizerRouteTests(TinyModelServer tiny) : IClassFixture<TinyModelServer>, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"suanwang-gguf-{Guid.NewGuid():N}.gguf");

    public void Dispose() => File.Delete(_file);

    [ModelFact]
    public async Task GetTokenizer_ServesTheVocabulary_NamedByTheDigestTheEndpointPublishes()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(tiny.Server.Url + "/suanwang/tokenizer"));
        var body = await response.Content.ReadAsByteArrayAsync();

        response.EnsureSuccessStatusCode();
        var digest = Convert.ToHexStringLower(SHA256.HashData(body));
        Assert.Equal(digest, response.Headers.GetValues("Suanwang-Tokenizer-Digest").Single());
        Assert.Equal(digest, tiny.Server.Endpoint.TokenizerDigest);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("llama", root.GetProperty("model").GetString());
        Assert.Equal(32000, root.GetProperty("tokens").GetArrayLength());
        Assert.Equal(32000, root.GetProperty("scores").GetArrayLength());
        Assert.Equal(3, root.GetProperty("token_types")[1].GetInt32());
        Assert.Equal(0, root.GetProperty("merges").GetArrayLength());
        Assert.True(root.GetProperty("template").GetProperty("tokens_per_message").GetInt32() > 0);
    }

    [ModelFact]
    public void Read_TheTinyModel_GivesItsSentencePieceVocabulary()
    {
        var vocabulary = GgufVocabulary.Read(ModelPaths.Tiny!);

        Assert.Equal("llama", vocabulary.Model);
        Assert.Equal(32000, vocabulary.Tokens.Count);
        Assert.Equal("<s>", vocabulary.Tokens[1]);
        Assert.Equal(-1000000000f, vocabulary.Scores[259]);
        Assert.Equal(6, vocabulary.TokenTypes[3]);
        Assert.True(vocabulary.AddBos);
        Assert.True(vocabulary.AddSpacePrefix);
    }

    [Fact]
    public void Read_AVocabularyOverTheTokenLimit_IsRefused()
    {
        File.WriteAllBytes(_file, Gguf(w =>
        {
            Key(w, "tokenizer.ggml.tokens", 9);
            w.Write(8u);
            w.Write((ulong)GgufVocabulary.MaxTokens + 1);
        }));

        var e = Assert.Throws<InvalidDataException>(() => GgufVocabulary.Read(_file));
        Assert.Contains("524289 entries", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AStringLongerThanTheTextLimit_IsRefused()
    {
        File.WriteAllBytes(_file, Gguf(w =>
        {
            Key(w, "tokenizer.ggml.model", 8);
            w.Write((ulong)GgufVocabulary.MaxBytes + 1);
        }));

        Assert.Throws<InvalidDataException>(() => GgufVocabulary.Read(_file));
    }

    [Fact]
    public void Read_SkippedMetadataRunningPastTheFile_IsRefused()
    {
        File.WriteAllBytes(_file, Gguf(w =>
        {
            Key(w, "general.blob", 9);
            w.Write(4u);
            w.Write(ulong.MaxValue / 8);
        }));

        Assert.Throws<InvalidDataException>(() => GgufVocabulary.Read(_file));
    }

    [Fact]
    public void Read_AFileThatIsNotGguf_IsRefused()
    {
        File.WriteAllText(_file, new string('x', 100));

        Assert.Equal("not a GGUF file", Assert.Throws<InvalidDataException>(() => GgufVocabulary.Read(_file)).Message);
    }

    // A GGUF v3 header with one metadata pair written by the caller.
    private static byte[] Gguf(Action<BinaryWriter> pair)
    {
        using var memory = new MemoryStream();
        using (var w = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(0x46554747u);
            w.Write(3u);
            w.Write(0UL);
            w.Write(1UL);
            pair(w);
            w.Write(new byte[64]);
        }

        return memory.ToArray();
    }

    private static void Key(BinaryWriter w, string key, uint type)
    {
        w.Write((ulong)Encoding.UTF8.GetByteCount(key));
        w.Write(Encoding.UTF8.GetBytes(key));
        w.Write(type);
    }
}
