namespace Suanwang.Inference.Vocabulary;

/// <summary>
/// Tokens the chat template adds around the messages' strings (roles and contents, each counted on
/// its own without BOS): at most <see cref="TokensPerRequest"/> once and <see cref="TokensPerMessage"/>
/// per message, as measured on the model's own template with a margin.
/// </summary>
/// <param name="TokensPerMessage">Most tokens the template adds per message.</param>
/// <param name="TokensPerRequest">Most tokens the template adds once (BOS, the assistant's turn).</param>
public sealed record TemplateAllowance(int TokensPerMessage, int TokensPerRequest);
