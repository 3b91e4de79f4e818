using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using Suanwang.Testing;

namespace Suanwang.Inference.Tests;

public sealed class ErrorTests(TinyModelServer tiny) : IClassFixture<TinyModelServer>
{
    [ModelFact]
    public async Task UnknownModel_Is404_WhichTheSdkRaises()
    {
        var client = new ChatClient("no-such-model", new ApiKeyCredential("unused"), TinyModelServer.ClientOptions(tiny.Server));

        var e = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(404, e.Status);
        await AssertErrorAsync(e, "model", "model_not_found");
    }

    [ModelFact]
    public async Task NegativeMaxTokens_Is400NamingTheField()
    {
        var e = await Assert.ThrowsAsync<ClientResultException>(() =>
            tiny.Chat().CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { MaxOutputTokenCount = -1 }));

        Assert.Equal(400, e.Status);
        await AssertErrorAsync(e, "max_completion_tokens", "integer_below_min_value");
    }

    [ModelFact]
    public async Task TemperatureAboveTwo_Is400NamingTheField()
    {
        var e = await Assert.ThrowsAsync<ClientResultException>(() =>
            tiny.Chat().CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { Temperature = 2.5f }));

        Assert.Equal(400, e.Status);
        await AssertErrorAsync(e, "temperature", "invalid_value");
    }

    [ModelFact]
    public async Task PromptLongerThanTheContext_Is400ContextLengthExceeded()
    {
        var longPrompt = string.Join(' ', Enumerable.Repeat("river", 3000));

        var e = await Assert.ThrowsAsync<ClientResultException>(() => tiny.Chat().CompleteChatAsync([new UserChatMessage(longPrompt)]));

        Assert.Equal(400, e.Status);
        await AssertErrorAsync(e, "messages", "context_length_exceeded");
    }

    [ModelFact]
    public async Task MaxTokensBeyondTheRoomLeft_Is400ContextLengthExceeded()
    {
        var e = await Assert.ThrowsAsync<ClientResultException>(() =>
            tiny.Chat().CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { MaxOutputTokenCount = 1024 }));

        Assert.Equal(400, e.Status);
        await AssertErrorAsync(e, "max_completion_tokens", "context_length_exceeded");
    }

    [ModelFact]
    public async Task MalformedJson_Is400InOpenAisErrorBody()
    {
        using var http = Http();
        using var content = new StringContent("{\"model\": \"tiny\", \"messages\": [", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("chat/completions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOfAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal("invalid_json", error.GetProperty("code").GetString());
    }

    [ModelFact]
    public async Task BodyOverTheLimit_Is413()
    {
        using var http = Http();
        var huge = new string('a', 2 * 1024 * 1024);

        using var response = await http.PostAsJsonAsync("chat/completions", new { model = "tiny", messages = new[] { new { role = "user", content = huge } } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await ErrorOfAsync(response)).GetProperty("code").GetString());
    }

    [ModelFact]
    public async Task MoreThanOneChoice_Is400NamingN()
    {
        using var http = Http();

        using var response = await http.PostAsJsonAsync("chat/completions", new { model = "tiny", n = 2, messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("n", (await ErrorOfAsync(response)).GetProperty("param").GetString());
    }

    [ModelFact]
    public async Task UnknownRole_Is400NamingTheMessage()
    {
        using var http = Http();

        using var response = await http.PostAsJsonAsync("chat/completions", new { model = "tiny", messages = new[] { new { role = "user", content = "hi" }, new { role = "wizard", content = "x" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("messages[1].role", (await ErrorOfAsync(response)).GetProperty("param").GetString());
    }

    [ModelFact]
    public async Task UnknownRoute_Is404InOpenAisErrorBody()
    {
        using var http = Http();

        using var response = await http.GetAsync("files");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_url", (await ErrorOfAsync(response)).GetProperty("code").GetString());
    }

    private static async Task AssertErrorAsync(ClientResultException e, string param, string code)
    {
        var response = e.GetRawResponse();
        Assert.NotNull(response);
        using var body = JsonDocument.Parse(response.Content.ToString());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        await Task.CompletedTask;
    }

    private static async Task<JsonElement> ErrorOfAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").Clone();
    }

    private HttpClient Http() => new() { BaseAddress = new Uri(tiny.Server.Url + "/") };
}
