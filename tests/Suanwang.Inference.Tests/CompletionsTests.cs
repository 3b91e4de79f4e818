using System.Net.Http.Json;
using System.Text.Json;
using Suanwang.Testing;

namespace Suanwang.Inference.Tests;

// The OpenAI .NET SDK has no client for the legacy completions route, so these speak HTTP.
public sealed class CompletionsTests(TinyModelServer tiny) : IClassFixture<TinyModelServer>
{
    [ModelFact]
    public async Task Completions_Whole_CountsTheRawPromptAndHonoursMaxTokens()
    {
        using var http = Http();

        using var response = await http.PostAsJsonAsync("completions", new { model = TinyModelServer.ModelId, prompt = "Once upon a time", max_tokens = 12, temperature = 0, seed = 5 });

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        Assert.Equal("length", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(tiny.Server.Runtime.CountTokens("Once upon a time"), root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(12, root.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [ModelFact]
    public async Task Completions_Streamed_EndsWithFinishThenUsageThenDone_AndMatchesTheWholeText()
    {
        using var http = Http();
        var request = new { model = TinyModelServer.ModelId, prompt = "Once upon a time", max_tokens = 20, temperature = 0, seed = 5 };
        using var whole = await http.PostAsJsonAsync("completions", request);
        using var wholeBody = JsonDocument.Parse(await whole.Content.ReadAsStringAsync());

        using var stream = await http.PostAsJsonAsync("completions", new
        {
            request.model, request.prompt, request.max_tokens, request.temperature, request.seed,
            stream = true, stream_options = new { include_usage = true },
        });

        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        var events = (await stream.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(wholeBody.RootElement.GetProperty("choices")[0].GetProperty("text").GetString(), text);
        Assert.Equal("length", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(20, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.All(chunks[..^2], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
    }

    private HttpClient Http() => new() { BaseAddress = new Uri(tiny.Server.Url + "/") };
}
