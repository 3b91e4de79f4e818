using Suanwang.EndToEnd.Tests.Support;

namespace Suanwang.EndToEnd.Tests;

/// <summary>The quick start of README.md works as written, in order, on a fresh data folder.</summary>
public sealed class ReadmeQuickStartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void QuickStart_IsReadFromTheReadme_WithUpAndTheClientAndMarketCommands()
    {
        var quickStart = ReadmeQuickStart.Read(Path.Combine(RepoPaths.Root, "README.md"));

        var verbs = quickStart.Commands.Select(c => c[0]).ToArray();
        foreach (var verb in new[] { "submit", "jobs", "logs", "cancel", "sites", "topup", "offers", "quote", "order", "balance", "statement" })
        {
            Assert.Contains(verb, verbs);
        }
    }

    [Fact]
    public async Task EveryQuickStartCommand_RunsVerbatimInOrder_AgainstAFreshUp_AndExitsZero()
    {
        var quickStart = ReadmeQuickStart.Read(Path.Combine(RepoPaths.Root, "README.md"));
        var data = _folder.Combine("data");
        // The commands name files under examples/ and write their outputs where they run: a folder of
        // their own that sees the repository's examples.
        var work = _folder.Combine("work");
        Directory.CreateDirectory(work);
        Directory.CreateSymbolicLink(Path.Combine(work, "examples"), Path.Combine(RepoPaths.Root, "examples"));
        using var up = await UpProcess.StartAsync(data, 2, quickStart.UpArguments);

        foreach (var command in quickStart.Commands)
        {
            var (code, output) = await CliProcess.RunAsync(work, data, TimeSpan.FromSeconds(30), command);

            Assert.True(code == 0, $"`suanwang {string.Join(' ', command)}` exited {code}:\n{output}\n--- up:\n{up.Output}");
        }

        Assert.True(File.Exists(Path.Combine(work, "statement.html")));
    }

    [Fact]
    public async Task Order_OnAnUpWithoutAPrice_IsRefusedNamingThePrice_NotTheBudget()
    {
        var data = _folder.Combine("data");
        using var up = await UpProcess.StartAsync(data, 1);
        Assert.Equal(0, (await CliProcess.RunAsync(RepoPaths.Root, data, TimeSpan.FromSeconds(30), "topup", "admin", "100.00")).ExitCode);

        var (code, output) = await CliProcess.RunAsync(RepoPaths.Root, data, TimeSpan.FromSeconds(30), "order", "examples/jobs/paid-hello.yaml");

        Assert.NotEqual(0, code);
        Assert.Contains("paid-hello.yaml: resources: ", output, StringComparison.Ordinal);
        Assert.Contains("every site that can run this job charges 0 per hour", output, StringComparison.Ordinal);
        Assert.DoesNotContain("budget", output, StringComparison.Ordinal);
    }
}
