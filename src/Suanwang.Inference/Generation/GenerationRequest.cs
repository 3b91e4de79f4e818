using LLama.Native;

namespace Suanwang.Inference.Generation;

// What to generate: the prompt's tokens, the output cap and how to sample.
internal sealed record GenerationRequest(
    LLamaToken[] Prompt,
    int MaxTokens,
    float Temperature,
    float TopP,
    uint Seed,
    float PresencePenalty,
    float FrequencyPenalty,
    IReadOnlyList<string> Stop);
