using Suanwang.Agent.Backends;
using Suanwang.Agent.Sandbox;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Tests.Sandbox;

/// <summary>An agent that is not root cannot give tenants users of their own: it serves one tenant, unless told --single-user.</summary>
public sealed class SingleUserTests : IDisposable
{
    private readonly TempFolder _work = new();

    public void Dispose() => _work.Dispose();

    private JobSandbox Sandbox(bool singleUser = false) =>
        new(new SandboxOptions { JobsFolder = Path.Combine(_work.Path, "jobs"), SingleUser = singleUser, Namespaces = false }, Path.Combine(_work.Path, "agent"), log: null, root: false);

    private static Assignment Job(long job, string tenant) => new(job, 1, "j", "true", 1, 1, "0", null, tenant);

    private async Task<SandboxLaunch> PrepareAsync(JobSandbox sandbox, long job, string tenant) =>
        await sandbox.PrepareAsync(Job(job, tenant), Path.Combine(_work.Path, "agent", "jobs", job.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);

    [Fact]
    public async Task WithoutRoot_TheFirstTenantRuns_AndAnotherIsRefusedNamingTheFlag()
    {
        var sandbox = Sandbox();

        var first = await PrepareAsync(sandbox, 1, "alice");
        var again = await PrepareAsync(sandbox, 2, "alice");
        var refused = await Assert.ThrowsAsync<BackendException>(() => PrepareAsync(sandbox, 3, "bob"));

        Assert.Null(first.User);
        Assert.Equal(Path.Combine(_work.Path, "jobs", "alice", "2-1"), again.WorkingFolder);
        Assert.Contains("--single-user", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'bob'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'alice'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutRoot_TheServedTenantOutlivesARestart()
    {
        await PrepareAsync(Sandbox(), 1, "alice");

        await Assert.ThrowsAsync<BackendException>(() => PrepareAsync(Sandbox(), 2, "bob"));
    }

    [Fact]
    public async Task WithoutRoot_SingleUser_RunsEveryTenant()
    {
        var sandbox = Sandbox(singleUser: true);

        await PrepareAsync(sandbox, 1, "alice");
        var bob = await PrepareAsync(sandbox, 2, "bob");

        Assert.Null(bob.User);
        Assert.DoesNotContain("setpriv", bob.Prefix);
        Assert.Contains("--single-user", sandbox.Describe(), StringComparison.Ordinal);
    }
}
