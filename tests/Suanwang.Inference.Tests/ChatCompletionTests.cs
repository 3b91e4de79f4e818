using OpenAI.Chat;
using Suanwang.Testing;

#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK.

namespace Suanwang.Inference.Tests;

public sealed class ChatCompletionTests(TinyModelServer tiny) : IClassFixture<TinyModelServer>
{
    private static readonly ChatMessage[] s_messages = [new SystemChatMessage("You are terse."), new UserChatMessage("Name three rivers.")];

    [ModelFact]
    public async Task CompleteChat_CountsPromptTokensWithTheModelsTokenizer_AndHonoursMaxTokensExactly()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 17, Temperature = 0, Seed = 7 };

        ChatCompletion completion = await tiny.Chat().CompleteChatAsync(s_messages, options);

        var template = tiny.Server.Runtime.Template.Render([new("system", "You are terse."), new("user", "Name three rivers.")]);
        Assert.Equal(tiny.Server.Runtime.Tokenize(template, special: true).Length, completion.Usage.InputTokenCount);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(17, completion.Usage.OutputTokenCount);
        Assert.Equal(completion.Usage.InputTokenCount + 17, completion.Usage.TotalTokenCount);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(TinyModelServer.ModelId, completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.NotEmpty(completion.Content[0].Text);
    }

    [ModelFact]
    public async Task CompleteChat_SameSeedAtTemperatureZero_GivesTheSameText()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 40, Temperature = 0, Seed = 42 };

        ChatCompletion first = await tiny.Chat().CompleteChatAsync(s_messages, options);
        ChatCompletion second = await tiny.Chat().CompleteChatAsync(s_messages, options);

        Assert.Equal(first.Content[0].Text, second.Content[0].Text);
    }

    [ModelFact]
    public async Task CompleteChat_SameSeedAtTemperatureOne_GivesTheSameText()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 40, Temperature = 1, Seed = 1234 };

        ChatCompletion first = await tiny.Chat().CompleteChatAsync(s_messages, options);
        ChatCompletion second = await tiny.Chat().CompleteChatAsync(s_messages, options);

        Assert.Equal(first.Content[0].Text, second.Content[0].Text);
    }

    [ModelFact]
    public async Task CompleteChat_StopSequence_CutsTheTextBeforeIt()
    {
        var greedy = new ChatCompletionOptions { MaxOutputTokenCount = 60, Temperature = 0, Seed = 3 };
        ChatCompletion free = await tiny.Chat().CompleteChatAsync(s_messages, greedy);
        var text = free.Content[0].Text;
        Assert.True(text.Length > 12, $"the free text '{text}' is too short to cut");
        var stop = text.Substring(text.Length / 2, 3);
        var cut = text[..text.IndexOf(stop, StringComparison.Ordinal)];
        var stopped = new ChatCompletionOptions { MaxOutputTokenCount = 60, Temperature = 0, Seed = 3 };
        stopped.StopSequences.Add(stop);

        ChatCompletion completion = await tiny.Chat().CompleteChatAsync(s_messages, stopped);

        Assert.Equal(cut, completion.Content.Count == 0 ? "" : completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.True(completion.Usage.OutputTokenCount < free.Usage.OutputTokenCount);
    }

    [ModelFact]
    public async Task CompleteChatStreaming_SendsTheSameTextInOrder_WithUsageInTheLastUpdate()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 25, Temperature = 0, Seed = 9 };
        ChatCompletion whole = await tiny.Chat().CompleteChatAsync(s_messages, options);

        var text = new System.Text.StringBuilder();
        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in tiny.Chat().CompleteChatStreamingAsync(s_messages, options))
        {
            updates.Add(update);
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.True(updates.Count > 3, $"{updates.Count} updates");
        Assert.Equal(ChatMessageRole.Assistant, updates[0].Role);
        Assert.Equal(ChatFinishReason.Length, updates.Single(u => u.FinishReason is not null).FinishReason);
        var usage = updates[^1].Usage;
        Assert.NotNull(usage);
        Assert.Equal(whole.Usage.InputTokenCount, usage.InputTokenCount);
        Assert.Equal(25, usage.OutputTokenCount);
        Assert.All(updates[..^1], u => Assert.Null(u.Usage));
    }

    [ModelFact]
    public async Task CompleteChatStreaming_EightAtOnce_AllCompleteAndDecodeInOneBatch()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 200, Temperature = 0.8f };

        var streams = Enumerable.Range(0, 8).Select(async i =>
        {
            var tokens = 0;
            ChatFinishReason? finish = null;
            await foreach (var update in tiny.Chat().CompleteChatStreamingAsync([new UserChatMessage($"Stream {i}")], options))
            {
                finish ??= update.FinishReason;
                tokens = update.Usage?.OutputTokenCount ?? tokens;
            }

            return (finish, tokens);
        }).ToList();
        var results = await Eventually.EventAsync(Task.WhenAll(streams), "eight streams");

        Assert.All(results, r => Assert.Equal(200, r.tokens));
        Assert.All(results, r => Assert.Equal(ChatFinishReason.Length, r.finish));
        Assert.True(tiny.Server.Runtime.LargestBatch > 1, $"largest batch {tiny.Server.Runtime.LargestBatch}");
        Assert.True(tiny.Server.Runtime.LargestBatch <= 8);
    }
}
