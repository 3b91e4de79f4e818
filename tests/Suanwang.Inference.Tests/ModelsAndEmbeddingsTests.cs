using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Embeddings;
using OpenAI.Models;
using Suanwang.Testing;

namespace Suanwang.Inference.Tests;

public sealed class ModelsAndEmbeddingsTests(TinyModelServer tiny) : IClassFixture<TinyModelServer>
{
    [ModelFact]
    public async Task GetModels_ListsTheServedModel()
    {
        OpenAIModelCollection models = await tiny.Client().GetOpenAIModelClient().GetModelsAsync();

        var model = Assert.Single(models);
        Assert.Equal(TinyModelServer.ModelId, model.Id);
        Assert.Equal("suanwang", model.OwnedBy);
        OpenAIModel one = await tiny.Client().GetOpenAIModelClient().GetModelAsync(TinyModelServer.ModelId);
        Assert.Equal(TinyModelServer.ModelId, one.Id);
    }

    [ModelFact]
    public async Task GenerateEmbeddings_GivesOneVectorPerInput_AndCountsTheirTokens()
    {
        var client = tiny.Client().GetEmbeddingClient(TinyModelServer.ModelId);
        string[] inputs = ["the first input", "a second, longer input of text"];

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(inputs);

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(tiny.Server.Runtime.EmbeddingSize, e.ToFloats().Length));
        Assert.NotEqual(embeddings[0].ToFloats().ToArray(), embeddings[1].ToFloats().ToArray());
        var expected = inputs.Sum(tiny.Server.Runtime.CountTokens);
        Assert.Equal(expected, embeddings.Usage.InputTokenCount);
        OpenAIEmbedding again = await client.GenerateEmbeddingAsync(inputs[0]);
        Assert.Equal(embeddings[0].ToFloats().ToArray(), again.ToFloats().ToArray());
    }

    [ModelFact]
    public async Task Embeddings_AsFloats_MatchTheBase64Form()
    {
        using var http = new HttpClient { BaseAddress = new Uri(tiny.Server.Url + "/") };

        using var floats = await http.PostAsJsonAsync("embeddings", new { model = TinyModelServer.ModelId, input = "same text", encoding_format = "float" });
        using var base64 = await http.PostAsJsonAsync("embeddings", new { model = TinyModelServer.ModelId, input = "same text", encoding_format = "base64" });

        using var a = JsonDocument.Parse(await floats.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await base64.Content.ReadAsStringAsync());
        var asFloats = a.RootElement.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var bytes = b.RootElement.GetProperty("data")[0].GetProperty("embedding").GetBytesFromBase64();
        Assert.Equal(asFloats, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray());
    }
}
