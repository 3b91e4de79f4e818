namespace Suanwang.Agent.Processes;

/// <summary>How an external command ended.</summary>
/// <param name="ExitCode">Its exit code; 127 when it could not be started, -1 when it timed out.</param>
/// <param name="Stdout">Everything it wrote to stdout.</param>
/// <param name="Stderr">Everything it wrote to stderr, or why it could not run.</param>
internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Exit code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Stderr, or stdout when stderr is empty, trimmed: the text to show a user.</summary>
    public string Message => (Stderr.Trim().Length > 0 ? Stderr : Stdout).Trim();
}
