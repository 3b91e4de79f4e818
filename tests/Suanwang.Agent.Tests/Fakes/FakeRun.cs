using Suanwang.Agent.Backends;

namespace Suanwang.Agent.Tests.Fakes;

/// <summary>A run that ends when the test says, or when stopped.</summary>
internal sealed class FakeRun(string handle, string outputPath, DateTimeOffset startedAt) : IBackendRun
{
    public string Handle { get; } = handle;

    public string OutputPath { get; } = outputPath;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public RunStatus Status { get; set; } = RunStatus.Running;

    public List<string> Stops { get; } = [];

    /// <summary>Stops are noted but the run goes on, like a job slow to die.</summary>
    public bool Stubborn { get; set; }

    /// <summary>Thrown by every poll, as a backend bug would be.</summary>
    public Exception? PollFault { get; set; }

    public Task<RunStatus> PollAsync(CancellationToken cancellationToken) =>
        PollFault is { } fault ? Task.FromException<RunStatus>(fault) : Task.FromResult(Status);

    public Task StopAsync(string reason, CancellationToken cancellationToken)
    {
        Stops.Add(reason);
        if (!Stubborn)
        {
            Status = RunStatus.Killed(reason);
        }

        return Task.CompletedTask;
    }

    public void Write(string text) => File.AppendAllText(OutputPath, text);
}
