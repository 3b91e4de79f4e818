namespace Suanwang.Scheduling.Tokens;

/// <summary>What the router needs to know of one inference request.</summary>
/// <param name="Model">Public model id, for example <c>llama-3-8b</c>.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="MaxOutputTokens">Output tokens expected or allowed at most.</param>
/// <param name="AllowedCountries">ISO 3166-1 alpha-2 codes the request may be served in; null for anywhere. An unknown code allows nothing.</param>
/// <param name="PrefixBlocks">Chained hashes of the prompt's blocks from its start (block i's hash covers blocks 0..i); empty when unknown.</param>
public sealed record TokenRequest(
    string Model,
    int InputTokens,
    int MaxOutputTokens,
    IReadOnlyList<string>? AllowedCountries = null,
    ReadOnlyMemory<ulong> PrefixBlocks = default);
