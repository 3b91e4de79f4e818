using System.Threading.Channels;

namespace Suanwang.Inference.Generation;

// A submitted generation: its text as it is sampled, then how it ended.
internal sealed class GenerationHandle(ChannelReader<string> text, Task<GenerationResult> completion, Action cancel)
{
    public ChannelReader<string> Text { get; } = text;

    public Task<GenerationResult> Completion { get; } = completion;

    // Ends the generation at the next step and frees its slot.
    public void Cancel() => cancel();
}
