using System.Text.Json;

namespace Suanwang.Cli.Tests.Client;

/// <summary>The client commands against a real server and agent.</summary>
public sealed class ClientCommandTests(LiveNetwork network) : IClassFixture<LiveNetwork>
{
    private static long Id(CliRun run)
    {
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.GetProperty("id").GetInt64();
    }

    private string SpecFile(string name, string text)
    {
        var path = Path.Combine(network.Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task SubmitWait_EchoHello_SucceedsAndItsLogsJobAndListingShowIt()
    {
        var spec = SpecFile("hello.yaml", LiveNetwork.Job("echo hello", "hello"));

        var submit = await network.RunAsync("submit", spec, "--wait", "--format", "json");

        Assert.Equal(0, submit.ExitCode);
        var id = Id(submit);
        Assert.Contains($"job {id}: succeeded on {LiveNetwork.SiteId}", submit.Stderr, StringComparison.Ordinal);

        var logs = await network.RunAsync("logs", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, logs.ExitCode);
        Assert.Equal("hello\n", logs.Stdout);

        var job = await network.RunAsync("job", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        Assert.Equal(0, job.ExitCode);
        Assert.Equal("", job.Stderr);
        using var doc = JsonDocument.Parse(job.Stdout);
        Assert.Equal("succeeded", doc.RootElement.GetProperty("state").GetString());
        Assert.Equal(LiveNetwork.SiteId, doc.RootElement.GetProperty("site").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("exit_code").GetInt32());

        var jobs = await network.RunAsync("jobs", "--state", "succeeded", "--format", "json");
        Assert.Equal(0, jobs.ExitCode);
        using var page = JsonDocument.Parse(jobs.Stdout);
        Assert.Contains(page.RootElement.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetInt64() == id);

        var table = await network.RunAsync("jobs");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("hello", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("succeeded", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitWait_FailingCommand_ExitsNonZero()
    {
        var spec = SpecFile("fail.yaml", LiveNetwork.Job("exit 4", "fails"));

        var submit = await network.RunAsync("submit", spec, "--wait", "--format", "json");

        Assert.Equal(3, submit.ExitCode);
        using var doc = JsonDocument.Parse(submit.Stdout);
        Assert.Equal("failed", doc.RootElement.GetProperty("state").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task LogsFollow_RunsUntilTheJobEnds_AndShowsAllItsOutput()
    {
        var spec = SpecFile("count.yaml", LiveNetwork.Job("'for i in 1 2 3; do echo line $i; sleep 0.3; done'", "count"));
        var id = Id(await network.RunAsync("submit", spec, "--format", "json"));

        var logs = await network.RunAsync("logs", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f");

        Assert.Equal(0, logs.ExitCode);
        Assert.Equal("line 1\nline 2\nline 3\n", logs.Stdout);
    }

    [Fact]
    public async Task Cancel_RunningSleep_LeavesItCancelled()
    {
        var spec = SpecFile("sleep.yaml", LiveNetwork.Job("sleep 60", "sleeper"));
        var id = Id(await network.RunAsync("submit", spec, "--format", "json"));
        await network.WaitForAsync(id, "running");

        var cancel = await network.RunAsync("cancel", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, cancel.ExitCode);
        Assert.StartsWith($"Job {id} is ", cancel.Stdout, StringComparison.Ordinal);
        var job = await network.WaitForAsync(id, "cancelled");
        Assert.Equal("cancelled", job.State);
    }

    [Fact]
    public async Task Submit_BadSpec_ExitsTwoNamingTheFileLineAndField()
    {
        var spec = SpecFile("bad.yaml", LiveNetwork.Job("echo x").Replace("cards: 1", "cards: two", StringComparison.Ordinal));

        var run = await network.RunAsync("submit", spec);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {spec}:6: resources.cards: Invalid job spec: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_UnknownKey_ExitsTwoWithTheServersMessage()
    {
        var run = await CliRun.RunAsync("jobs", "--server", network.Url, "--api-key", "not-a-key");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: Unauthorized: unknown API key"], run.ErrorLines);
    }

    [Fact]
    public async Task Job_Unknown_ExitsTwoWithNotFound()
    {
        var run = await network.RunAsync("job", "999999");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: Not found: job '999999' does not exist"], run.ErrorLines);
    }

    [Fact]
    public async Task Sites_FormatJson_ListsTheAgentsSite()
    {
        var run = await network.RunAsync("sites", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var site = Assert.Single(doc.RootElement.EnumerateArray(), s => s.GetProperty("id").GetString() == LiveNetwork.SiteId);
        Assert.Equal("up", site.GetProperty("state").GetString());
        Assert.Equal(2, site.GetProperty("cards").GetInt32());
    }
}
