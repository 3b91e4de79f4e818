using Suanwang.EndToEnd.Tests.Support;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests;

/// <summary>A server and two real agents, one per jurisdiction: CN on local processes, KZ on Slurm.</summary>
public sealed class TwoSitesTests : IClassFixture<SlurmCluster>
{
    private static string Job(string run, string extra = "") => $"""
        name: e2e
        tenant: admin
        run: {run}
        resources:
          accelerators: [CPU-core]
          cards: 1
        estimated_runtime: 5m
        {extra}
        """;

    [Fact]
    public async Task ImportantChineseData_RunsOnTheChineseSiteAndSucceeds()
    {
        await using var network = await TwoSites.StartAsync();
        var id = await network.Api.SubmitAsync(Job("echo from-cn", $$"""
            inputs: [{ name: d, size_gb: 1, site: {{TwoSites.CnSite}}, jurisdiction: CN, class: important }]
            """));

        var job = await network.Api.WaitForStateAsync(id, "succeeded");

        Assert.Equal((TwoSites.CnSite, 0), (job.Site, job.ExitCode));
        Assert.Contains("from-cn", await network.Api.LogsAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobAllowedOnlyInKazakhstan_RunsOnSlurmAndItsOutputComesBack()
    {
        await using var network = await TwoSites.StartAsync();
        var id = await network.Api.SubmitAsync(Job("echo from-slurm", "allowed_jurisdictions: [KZ]"));

        var job = await network.Api.WaitForStateAsync(id, "succeeded", seconds: 60);

        Assert.Equal((TwoSites.KzSite, 0), (job.Site, job.ExitCode));
        await Eventually.TrueAsync(
            async () => (await network.Api.LogsAsync(id)).Contains("from-slurm", StringComparison.Ordinal),
            "the Slurm job's output is in its logs");
    }

    [Fact]
    public async Task SilentAgent_ItsJobMovesToTheOtherSite_AndTheStaleRunIsStoppedWhenTheAgentReturns()
    {
        await using var network = await TwoSites.StartAsync();
        var id = await network.Api.SubmitAsync(Job("echo $$ > job.pid; exec sleep 300"));
        var first = await network.Api.WaitForStateAsync(id, "running", seconds: 60);
        var oldSite = first.Site!;
        var newSite = oldSite == TwoSites.CnSite ? TwoSites.KzSite : TwoSites.CnSite;
        var oldFence = await network.Api.FenceAsync(id);
        var oldPid = await PidAsync(network.WorkFolder(oldSite));

        await network.StopAgentAsync(oldSite);

        Assert.True(IsAlive(oldPid), $"the job's process {oldPid} died with its agent; a crashed agent leaves it running");
        await Eventually.TrueAsync(async () => (await network.Api.SiteAsync(oldSite)).State == "down", $"the server marks {oldSite} down", seconds: 20);
        await Eventually.TrueAsync(
            async () => await network.Api.JobAsync(id) is { State: "running" } job && job.Site == newSite,
            $"job {id} runs again on {newSite}",
            seconds: 60);
        Assert.True(await network.Api.FenceAsync(id) > oldFence, "the move raised the job's fence");
        var newPid = await PidAsync(network.WorkFolder(newSite));
        Assert.True(IsAlive(oldPid), "the stale run keeps going while its agent is away");

        network.StartAgent(oldSite);

        await Eventually.TrueAsync(() => !IsAlive(oldPid), $"the returning agent stops the stale run (pid {oldPid})", seconds: 30);
        await Eventually.TrueAsync(async () => (await network.Api.SiteAsync(oldSite)).State == "up", $"{oldSite} is up again");
        var job = await network.Api.JobAsync(id);
        Assert.Equal(("running", newSite), (job.State, job.Site));
        Assert.True(IsAlive(newPid), "the run under the new fence goes on");

        await network.Api.CancelAsync(id);
        await network.Api.WaitForStateAsync(id, "cancelled");
        await Eventually.TrueAsync(() => !IsAlive(newPid), $"the cancelled run (pid {newPid}) ends");
    }

    /// <summary>The PID the job wrote to job.pid in its folder under the agent's work folder.</summary>
    private static async Task<int> PidAsync(string workFolder)
    {
        var text = await Eventually.ResultAsync(
            () => Task.FromResult(
                Directory.Exists(workFolder)
                    ? Directory.GetFiles(workFolder, "job.pid", SearchOption.AllDirectories).Select(File.ReadAllText).FirstOrDefault(t => t.EndsWith('\n'))
                    : null),
            $"a job writes its PID under {workFolder}");
        return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the process exists and is not a zombie (a dead process its parent has not yet reaped).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
