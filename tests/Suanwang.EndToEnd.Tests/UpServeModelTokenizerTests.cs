using System.ClientModel;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenAI;
using OpenAI.Chat;
using Suanwang.EndToEnd.Tests.Support;
using Suanwang.Inference;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests;

/// <summary><c>suanwang up --serve-model</c>: the gateway holds a chat at the tiny model's own token count, not its bytes.</summary>
public sealed partial class UpServeModelTokenizerTests : IDisposable
{
    private const string Content = "Please summarise the quarter for the board: revenue rose twelve percent, costs fell, and the new data centres in Guizhou came online ahead of schedule.";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [ModelFact]
    public async Task Up_ServingTheTinyModel_HoldsAChatAtTheModelsOwnCount_SoAWalletShortOfTheByteBoundIsServed()
    {
        using var up = await UpProcess.StartAsync(_folder.Combine("data"), 1, "--serve-model", $"tiny={ModelPaths.Tiny}", "--token-price", "1000/3000");
        using var admin = new HttpClient { BaseAddress = up.Url };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", up.Key);
        await Eventually.TrueAsync(() => ServedAt().IsMatch(up.Output), "up to say where the model is served");
        await Eventually.TrueAsync(async () => (await admin.GetStringAsync("/api/v1/models")).Contains("\"tiny\"", StringComparison.Ordinal), "the model to be published");
        var modelUrl = ServedAt().Match(up.Output).Groups[1].Value;
        using var http = new HttpClient();
        using var document = JsonDocument.Parse(await http.GetByteArrayAsync(new Uri(modelUrl + "/suanwang/tokenizer")));
        var template = document.RootElement.GetProperty("template");
        await using var model = await ModelRuntime.LoadAsync(new ModelServerOptions { ModelId = "tiny", ModelPath = ModelPaths.Tiny!, Capacity = 1, Threads = 1 }, CancellationToken.None);

        // The model's own count of the message's strings plus its template's allowance; at 0.1 fen a
        // prompt token and 0.3 fen an output token, a cap that makes the hold whole fen.
        var prompt = model.CountTokens("user", addSpecial: false) + model.CountTokens(Content, addSpecial: false)
            + template.GetProperty("tokens_per_message").GetInt32() + template.GetProperty("tokens_per_request").GetInt32();
        var cap = ((10 - (prompt % 10)) * 7 % 10) is var c && c == 0 ? 10 : c;
        var holdFen = (prompt + (3 * cap)) / 10;
        var bytesBound = Encoding.UTF8.GetByteCount("user" + Content) + 8 + 16;
        Assert.True(bytesBound + (3 * cap) > (holdFen + 1) * 10, $"the byte bound {bytesBound} would fit the wallet too");
        var shortChat = await ChatAsync(admin, up.Url, "short", holdFen - 1);
        var leanChat = await ChatAsync(admin, up.Url, "lean", holdFen);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = cap, Temperature = 0 };

        var refused = await Assert.ThrowsAsync<ClientResultException>(() => shortChat.CompleteChatAsync([new UserChatMessage(Content)], options));
        var answer = (await leanChat.CompleteChatAsync([new UserChatMessage(Content)], options)).Value;

        Assert.Equal(402, refused.Status);
        Assert.Contains($"({prompt} prompt tokens at most and {cap} output tokens)", refused.Message, StringComparison.Ordinal);
        Assert.InRange(answer.Usage.InputTokenCount, 1, prompt);
    }

    private static async Task<ChatClient> ChatAsync(HttpClient admin, Uri server, string tenant, long fen)
    {
        (await admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant(tenant), ProtocolJson.Options)).EnsureSuccessStatusCode();
        var amount = (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        (await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/topups", new NewTopUp(amount, "CNY"), ProtocolJson.Options)).EnsureSuccessStatusCode();
        var issued = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/keys", new NewApiKey(), ProtocolJson.Options);
        issued.EnsureSuccessStatusCode();
        var key = (await issued.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!.Key;
        return new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(server, "/v1") }).GetChatClient("tiny");
    }

    [GeneratedRegex(@"Model tiny is served at (\S+/v1)")]
    private static partial Regex ServedAt();
}
