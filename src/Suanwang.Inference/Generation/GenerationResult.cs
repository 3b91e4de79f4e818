namespace Suanwang.Inference.Generation;

// How a generation ended: FinishReason is stop, length, cancelled or error; CompletionTokens counts
// every token sampled, the end-of-generation token included.
internal sealed record GenerationResult(string FinishReason, int CompletionTokens, string? Error = null);
