using System.Globalization;
using Suanwang.Agent.Backends;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Tests.Fakes;

/// <summary>
/// A backend whose runs are what the test says. Its runs outlive an <see cref="AgentHost"/>, the way
/// processes outlive an agent, so one instance shared by two hosts models an agent restart.
/// </summary>
internal sealed class FakeBackend(TimeProvider time) : IBackend
{
    private int _next;

    public string Name => "local";

    public List<Assignment> Started { get; } = [];

    public Dictionary<string, FakeRun> Runs { get; } = [];

    public List<(long Job, long Fence, string? Handle)> Reattached { get; } = [];

    public string? Refuse { get; set; }

    /// <summary>Thrown by the next start, as a backend bug would be.</summary>
    public Exception? StartFault { get; set; }

    /// <summary>Thrown by every reattach, as a backend bug would be.</summary>
    public Exception? ReattachFault { get; set; }

    public Task<IBackendRun> StartAsync(Assignment assignment, string folder, CancellationToken cancellationToken)
    {
        if (Refuse is not null)
        {
            throw new BackendException(Refuse);
        }

        if (StartFault is { } fault)
        {
            StartFault = null;
            throw fault;
        }

        Directory.CreateDirectory(folder);
        Started.Add(assignment);
        var run = new FakeRun((++_next).ToString(CultureInfo.InvariantCulture), Path.Combine(folder, "output.log"), time.GetUtcNow());
        Runs[run.Handle] = run;
        return Task.FromResult<IBackendRun>(run);
    }

    public Task<IBackendRun?> ReattachAsync(Assignment assignment, string folder, string? handle, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        Reattached.Add((assignment.Job, assignment.Fence, handle));
        if (ReattachFault is { } fault)
        {
            throw fault;
        }

        return Task.FromResult<IBackendRun?>(handle is not null && Runs.TryGetValue(handle, out var run) ? run : null);
    }

    public FakeRun RunOf(long job) => Runs.Values.Single(r => Started.Any(a => a.Job == job && r.OutputPath.Contains($"{a.Job}-{a.Fence}", StringComparison.Ordinal)));
}
