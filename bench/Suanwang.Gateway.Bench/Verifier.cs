using System.Net.Http.Headers;
using System.Text.Json;

namespace Suanwang.Gateway.Bench;

/// <summary>Checks, before a target is measured, that what comes back through it is the fake upstream's answer.</summary>
internal static class Verifier
{
    /// <summary>
    /// Null when one chat completion (and one stream, when streaming) through <paramref name="target"/>
    /// is this run's upstream's, known by its completion id <paramref name="id"/>; else what is wrong.
    /// </summary>
    public static async Task<string?> CheckAsync(Target target, bool stream, string id)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var problem = await CheckOneAsync(client, target, stream: false, id);
        return problem is null && stream ? await CheckOneAsync(client, target, stream: true, id) : problem;
    }

    private static async Task<string?> CheckOneAsync(HttpClient client, Target target, bool stream, string expectedId)
    {
        using var content = new ByteArrayContent(LoadGenerator.Body(target.Model, stream));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, target.ChatUrl) { Content = content };
        foreach (var (name, value) in target.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        string text;
        try
        {
            using var response = await client.SendAsync(request);
            text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                return $"POST {target.ChatUrl} answered {(int)response.StatusCode}: {Clip(text)}";
            }
        }
        catch (HttpRequestException e)
        {
            return $"POST {target.ChatUrl} failed: {e.Message}";
        }
        catch (TaskCanceledException)
        {
            return $"POST {target.ChatUrl} timed out";
        }

        if (stream)
        {
            return text.Contains(expectedId, StringComparison.Ordinal) && text.Contains("data: [DONE]", StringComparison.Ordinal)
                ? null
                : $"the stream through {target.Name} is not this run's fake upstream's (expected id {expectedId}): {Clip(text)}";
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var id = root.GetProperty("id").GetString();
            var said = root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
            var tokens = root.GetProperty("usage").GetProperty("total_tokens").GetInt32();
            return id == expectedId && said == FakeUpstream.Content && tokens == 19
                ? null
                : $"the answer through {target.Name} is not this run's fake upstream's (expected id {expectedId}): {Clip(text)}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return $"the answer through {target.Name} is not a chat completion: {Clip(text)}";
        }
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
