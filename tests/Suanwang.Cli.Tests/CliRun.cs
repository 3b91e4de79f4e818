using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Tests;

/// <summary>What one in-process run of <c>suanwang</c> returned and wrote.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs the command tree Program.cs runs, over a non-interactive console writing to strings.</summary>
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = new ConsoleInteraction(stdout, stderr, interactive: false);
        var code = await CommandRunner.RunAsync(RootCommandFactory.Create(console), args, console);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The non-empty lines written to standard error.</summary>
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
