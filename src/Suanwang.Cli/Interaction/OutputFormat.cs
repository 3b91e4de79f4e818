namespace Suanwang.Cli.Interaction;

/// <summary>How a command writes its result to standard output.</summary>
internal enum OutputFormat
{
    /// <summary>Tables for people.</summary>
    Table,

    /// <summary>One JSON object and nothing else on standard output.</summary>
    Json,
}
