using System.Runtime.Versioning;
using Suanwang.EndToEnd.Tests.Support;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests;

/// <summary>
/// <c>suanwang up</c> runs a hostile job of one tenant beside another tenant's job: the sandbox keeps
/// the other tenant's files and output, the data folder and the server out of its reach.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SandboxTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Job(string tenant, string run) => $"""
        name: sandbox-e2e
        tenant: {tenant}
        run: |
        {string.Join('\n', run.Split('\n').Select(l => "  " + l))}
        resources:
          accelerators: [CPU-core]
          cards: 1
        estimated_runtime: 5m
        """;

    [RootFact]
    public async Task HostileJobOfTenantB_GetsNothingOfTenantAOrTheServer_AndBothGoOn()
    {
        // The jobs folder must be reachable by the tenants' users; the temp folder is private to root.
        File.SetUnixFileMode(_folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var data = _folder.Combine("data");
        var jobs = _folder.Combine("jobs");
        using var up = await UpProcess.StartAsync(data, slots: 2, "--jobs", jobs, "--job-processes", "64");
        using var api = new Api(up.Url, up.Key);
        await api.CreateTenantAsync("e2e-b");

        var a = await api.SubmitAsync(Job("admin", "echo a-secret > secret.txt\necho a-output\nexec sleep 300"));
        await api.WaitForStateAsync(a, "running");
        await Eventually.TrueAsync(async () => (await api.LogsAsync(a)).Contains("a-output", StringComparison.Ordinal), "A's output to arrive");

        var b = await api.SubmitAsync(Job("e2e-b", $"""
            cat {data}/client.json {data}/suanwang.db {data}/agent/journal* 2>&1 | head -c 300
            cat {data}/agent/jobs/*/output.log {jobs}/admin/*/secret.txt
            echo injected >> {data}/agent/jobs/{a}-1/output.log
            kill -TERM {up.Pid}
            env
            echo b-done
            """));
        var ended = await Eventually.ResultAsync(async () => await api.JobAsync(b) is { State: "succeeded" or "failed" } job ? job : null, $"B's job {b} to end", seconds: 60);
        var bLogs = await api.LogsAsync(b);

        Assert.Equal("succeeded", ended.State);
        Assert.True(bLogs.Contains("b-done", StringComparison.Ordinal), bLogs);
        Assert.True(bLogs.Contains($"{data}/client.json: Permission denied", StringComparison.Ordinal), bLogs);
        Assert.True(bLogs.Contains($"cannot create {data}/agent/jobs/{a}-1/output.log: Permission denied", StringComparison.Ordinal), bLogs);
        Assert.DoesNotContain(up.Key, bLogs, StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret", bLogs, StringComparison.Ordinal);
        Assert.DoesNotContain("a-output", bLogs, StringComparison.Ordinal);
        Assert.Equal("running", (await api.JobAsync(a)).State);
        Assert.Equal("a-output\n", await api.LogsAsync(a));

        await api.CancelAsync(a);
        await api.WaitForStateAsync(a, "cancelled");
    }
}
