using System.Text;
using LLama;

namespace Suanwang.Inference;

// The model's own chat template (tokenizer.chat_template) when llama.cpp recognises it; a model
// without one (such as a base model) gets ChatML, llama.cpp's default.
internal sealed class ChatTemplate
{
    private const string TemplateKey = "tokenizer.chat_template";
    private readonly LLamaWeights _weights;

    private ChatTemplate(LLamaWeights weights, string name)
    {
        _weights = weights;
        Name = name;
    }

    public string Name { get; }

    public static ChatTemplate For(LLamaWeights weights) =>
        new(weights, weights.Metadata.ContainsKey(TemplateKey) ? "the model's own" : "ChatML");

    public string Render(IReadOnlyList<TemplateMessage> messages)
    {
        // LLamaTemplate keeps the messages it renders, so each request gets its own.
        var template = new LLamaTemplate(_weights, strict: false) { AddAssistant = true };
        foreach (var message in messages)
        {
            template.Add(message.Role, message.Content);
        }

        return Encoding.UTF8.GetString(template.Apply());
    }
}
