namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang logs --format json</c>: the output and where it ends.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Text">The output.</param>
/// <param name="NextOffset">The byte offset to continue from.</param>
internal sealed record LogsView(long Id, string Text, long NextOffset);
