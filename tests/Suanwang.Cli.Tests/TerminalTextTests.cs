using Suanwang.Cli.Commands;
using Suanwang.Cli.Interaction;
using Suanwang.Protocol.Jobs;

namespace Suanwang.Cli.Tests;

public sealed class TerminalTextTests
{
    private const string Hostile = "x\u001b[2J\r\nerror: fake\u202Egnp.exe\0";

    [Fact]
    public void Markup_EscapesControlAndBidiCharacters()
    {
        Assert.Equal(@"x\e[[2J\r\nerror: fake\u202Egnp.exe\0", TerminalText.Markup(Hostile));
    }

    [Fact]
    public void Lines_KeepsLineFeedsAndEscapesTheRest()
    {
        Assert.Equal("a\n\\e[1mb\\u2066", TerminalText.Lines("a\n\u001b[1mb\u2066"));
    }

    [Fact]
    public void Jobs_ATableOfJobsWithHostileTextFromTheServer_PrintsNoControlOrBidiCharacter()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = new ConsoleInteraction(stdout, stderr, interactive: false);
        var job = new JobView(1, Hostile, "acme\u2067", "failed", "site\u001b]0;t\u0007", DateTimeOffset.UnixEpoch, null, null, 1, 0, Hostile);

        JobOutput.Jobs(console, [job]);
        JobOutput.Job(console, job, OutputFormat.Table);
        console.WriteLine($"job {job.Id}: {job.Name}");
        console.Error(job.Reason!);

        var written = stdout.ToString() + stderr.ToString();
        Assert.DoesNotContain(written, c => c is '\u001b' or '\0' or '\r' or '\u0007' or '\u202E' or '\u2067');
        Assert.Contains(@"\e[2J", written, StringComparison.Ordinal);
        Assert.Contains(@"\u202E", written, StringComparison.Ordinal);
    }
}
