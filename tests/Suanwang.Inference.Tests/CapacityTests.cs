using System.Net;
using System.Net.Http.Json;
using Suanwang.Testing;

namespace Suanwang.Inference.Tests;

// Each test starts its own one-slot server, so what it counts is its own.
public sealed class CapacityTests
{
    [ModelFact]
    public async Task ClientThatDisconnectsMidStream_CancelsItsGeneration_AndFreesTheSlot()
    {
        await using var server = await ModelServer.StartAsync(TinyModelServer.Options(capacity: 1, contextLength: 4096), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url + "/") };
        using (var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions"))
        {
            request.Content = JsonContent.Create(new { model = "tiny", stream = true, max_tokens = 4000, messages = new[] { new { role = "user", content = "go on" } } });
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            // The second event carries sampled text, so the request holds its slot by then.
            var events = 0;
            while (events < 2 && await reader.ReadLineAsync() is { } line)
            {
                events += line.StartsWith("data: ", StringComparison.Ordinal) ? 1 : 0;
            }

            Assert.Equal(2, events);
            Assert.Equal(1, server.Runtime.Active);
        }

        await Eventually.TrueAsync(() => server.Runtime.Cancelled == 1 && server.Runtime.Active == 0, "the abandoned stream's slot to be freed");
        using var next = await http.PostAsJsonAsync("chat/completions", new { model = "tiny", max_tokens = 5, messages = new[] { new { role = "user", content = "next" } } });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [ModelFact]
    public async Task RequestsBeyondCapacityAndQueue_Get503WithRetryAfter()
    {
        var options = TinyModelServer.Options(capacity: 1, contextLength: 4096) with { QueueLimit = 0 };
        await using var server = await ModelServer.StartAsync(options, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url + "/") };
        using var first = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
        {
            Content = JsonContent.Create(new { model = "tiny", stream = true, max_tokens = 4000, messages = new[] { new { role = "user", content = "long" } } }),
        };
        using var running = await http.SendAsync(first, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await running.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: ", await reader.ReadLineAsync());

        using var refused = await http.PostAsJsonAsync("chat/completions", new { model = "tiny", max_tokens = 5, messages = new[] { new { role = "user", content = "one more" } } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        Assert.Contains("server_overloaded", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
