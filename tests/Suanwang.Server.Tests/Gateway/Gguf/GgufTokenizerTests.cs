using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Suanwang.Server.Gateway;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Gateway.Gguf;

/// <summary>The gateway's SentencePiece count against llama.cpp's own tokenizer (through LLamaSharp) on the tiny model.</summary>
public sealed class GgufTokenizerTests(TinyVocabulary tiny) : IClassFixture<TinyVocabulary>
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(2000).WithEndSize(60);

    [ModelFact]
    public void Count_OfRandomUnicodeText_EqualsLlamaCpp()
    {
        var property = Prop.ForAll(UnicodeText.Text, text =>
        {
            var expected = tiny.Server.Runtime.CountTokens(text, addSpecial: false);
            var counted = tiny.Tokenizer.Count(text);
            return Prop.Label(counted == expected, $"gateway {counted}, llama.cpp {expected} for {JsonSerializer.Serialize(text)}");
        });
        Check.One(s_config, property);
    }

    [ModelFact]
    public void Count_WithBos_EqualsLlamaCpp_OnRandomText()
    {
        var property = Prop.ForAll(UnicodeText.Text, text =>
            tiny.Counter.Count(text, addSpecial: true) == tiny.Server.Runtime.CountTokens(text, addSpecial: true));
        Check.One(s_config.WithMaxTest(300), property);
    }

    [ModelFact]
    public void Bound_OfRandomText_IsNeverBelowLlamaCppsCount()
    {
        var property = Prop.ForAll(UnicodeText.Text, text => tiny.Tokenizer.Bound(text) >= tiny.Server.Runtime.CountTokens(text, addSpecial: false));
        Check.One(s_config.WithMaxTest(500), property);
    }

    [ModelFact]
    public void PromptTokens_PastTheExactBudget_StaysAboveTheModelsCount()
    {
        var text = string.Concat(Enumerable.Repeat("Le café 数据 😀 ", 12_000));
        var body = JsonSerializer.SerializeToUtf8Bytes(new { model = "tiny", prompt = new[] { text, text } });

        var bound = GatewayRequest.Parse(body, GatewayRoute.Completions, 8, 16).PromptTokens(tiny.Tokenizer);

        Assert.True(text.Length * 2 > PromptTokenizer.ExactChars);
        Assert.InRange(bound, 2L * tiny.Server.Runtime.CountTokens(text, addSpecial: false), 2L * Encoding.UTF8.GetByteCount(text) + 16 + 2);
    }

    [ModelFact]
    public void Count_OfEveryCorpusPromptAndDocParagraph_EqualsLlamaCpp()
    {
        var texts = PromptCorpus.Texts;
        var wrong = texts.Where(t => tiny.Tokenizer.Count(t) != tiny.Server.Runtime.CountTokens(t, addSpecial: false)).Take(3).ToList();

        Assert.True(texts.Count > 500, $"only {texts.Count} texts in the corpus");
        Assert.Empty(wrong);
    }

    [ModelFact]
    public void Count_OfEdgeCases_EqualsLlamaCpp()
    {
        string[] texts = ["", " ", "  ", "a", " a", "a ", "\uD800", "\uDC00x", "x\uD83D", "😀", "e\u0301", "<s>", "</s>hi<s>", "<0x0A>", "▁", "\0", new string('a', 5000), string.Concat(Enumerable.Repeat("数据 ", 800))];

        Assert.All(texts, t => Assert.Equal(tiny.Server.Runtime.CountTokens(t, addSpecial: false), tiny.Tokenizer.Count(t)));
    }

    [ModelFact]
    public void ChatBound_OfRandomChats_IsAtLeastTheModelsPromptTokens()
    {
        var message = UnicodeText.Text.Generator.SelectMany(content => Gen.Elements("system", "developer", "user", "assistant").Select(role => (Role: role, Content: content)));
        var property = Prop.ForAll(Arb.From(Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(message, n))), messages =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { model = "tiny", messages = messages.Select(m => new { role = m.Role, content = m.Content }) });
            var bound = GatewayRequest.Parse(body, GatewayRoute.Chat, 8, 16).PromptTokens(tiny.Tokenizer);
            var served = tiny.Server.Runtime.CountChatTokens([.. messages.Select(m => (m.Role is "developer" ? "system" : m.Role, m.Content))]);
            return Prop.Label(bound >= served, $"bound {bound} < {served} served for {Encoding.UTF8.GetString(body)}");
        });
        Check.One(s_config.WithMaxTest(1000), property);
    }

    [ModelFact]
    public void Document_IsTheTinyModelsSentencePieceVocabulary_NamedByItsDigest()
    {
        using var json = JsonDocument.Parse(tiny.Document);
        var root = json.RootElement;

        Assert.Equal("llama", root.GetProperty("model").GetString());
        Assert.Equal(32000, root.GetProperty("tokens").GetArrayLength());
        Assert.Equal("<0x0A>", root.GetProperty("tokens")[13].GetString());
        Assert.True(root.GetProperty("add_bos").GetBoolean());
        Assert.True(root.GetProperty("add_space_prefix").GetBoolean());
        Assert.Equal(tiny.Sha256(), tiny.DigestHeader);
        Assert.Equal(tiny.Sha256(), tiny.Server.Endpoint.TokenizerDigest);
        Assert.Equal(tiny.Tokenizer.Template!.Value.PerMessage, root.GetProperty("template").GetProperty("tokens_per_message").GetInt32());
    }
}
