using System.Globalization;
using System.Text;
using Suanwang.Agent.Processes;
using Suanwang.Agent.Sandbox;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Backends;

/// <summary>
/// Runs jobs on a Slurm cluster through its commands: sbatch to submit, scontrol (and sacct where
/// accounting is on) to follow, scancel to stop. The job folder must be visible to the compute
/// nodes at the same path (one machine, or a shared file system), since the output file is there.
/// With a <see cref="JobSandbox"/> and root, a job is submitted as its tenant's user (through
/// runuser), so Slurm's own accounting, limits and cgroups apply to it, from a working folder of
/// that user under the sandbox's jobs folder. sbatch never sees the agent's environment, which it
/// would otherwise hand to the job.
/// </summary>
public sealed class SlurmBackend : IBackend
{
    private readonly TimeProvider _time;
    private readonly SlurmBackendOptions _options;
    private readonly JobSandbox? _sandbox;

    /// <summary>Creates the backend; with <paramref name="sandbox"/> (and root), jobs are submitted as their tenants' users.</summary>
    public SlurmBackend(TimeProvider time, SlurmBackendOptions? options = null, JobSandbox? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _options = options ?? new SlurmBackendOptions();
        _sandbox = sandbox is { IsRoot: true } ? sandbox : null;
    }

    /// <inheritdoc />
    public string Name => "slurm";

    /// <summary>The Slurm job name of a dispatch: its job id and fence, so a restarted agent can find it with squeue.</summary>
    public static string JobName(long job, long fence) => string.Create(CultureInfo.InvariantCulture, $"sw-{job}-f{fence}");

    /// <inheritdoc />
    public async Task<IBackendRun> StartAsync(Assignment assignment, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        folder = Path.GetFullPath(folder);
        UnixUser? user = null;
        if (_sandbox is not null)
        {
            user = await _sandbox.UserOfAsync(TenantOf(assignment), cancellationToken).ConfigureAwait(false);
            folder = _sandbox.CreateJobFolder(TenantOf(assignment), user, assignment);
        }
        else
        {
            Directory.CreateDirectory(folder);
        }

        var checkpoint = assignment.GraceSeconds is null
            ? null
            : _sandbox is not null ? _sandbox.CreateCheckpointFolder(TenantOf(assignment), user, assignment) : LocalBackend.CheckpointFolder(assignment, folder);
        var script = Path.Combine(folder, "job.sh");
        await File.WriteAllTextAsync(script, BatchScript(assignment, checkpoint), cancellationToken).ConfigureAwait(false);

        var result = await RunAsync("sbatch", SbatchArguments(assignment, folder, script), cancellationToken, user?.Name).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new BackendException($"sbatch refused the job: {result.Message}");
        }

        // --parsable prints "id" or "id;cluster".
        var id = result.Stdout.Trim().Split(';')[0];
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new BackendException($"sbatch printed no job id: '{result.Stdout.Trim()}'");
        }

        return new SlurmRun(this, id, folder, _time.GetUtcNow(), TimeLimits.Of(assignment), GraceOf(assignment), _time);
    }

    private static TimeSpan? GraceOf(Assignment assignment) =>
        assignment.GraceSeconds is double grace && double.IsFinite(grace) && grace > 0 ? TimeSpan.FromSeconds(Math.Min(grace, 600)) : null;

    /// <inheritdoc />
    public async Task<IBackendRun?> ReattachAsync(Assignment assignment, string folder, string? handle, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        folder = _sandbox is null ? Path.GetFullPath(folder) : _sandbox.JobFolder(TenantOf(assignment), assignment);
        if (handle is null)
        {
            // The agent stopped between sbatch and its journal: the job name tells.
            var found = await RunAsync("squeue", ["-h", "--states=all", "-n", JobName(assignment.Job, assignment.Fence), "-o", "%i"], cancellationToken).ConfigureAwait(false);
            handle = found.Succeeded ? found.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() : null;
            if (handle is null)
            {
                return null;
            }
        }

        return new SlurmRun(this, handle, folder, startedAt, TimeLimits.Of(assignment), GraceOf(assignment), _time);
    }

    /// <summary>
    /// Runs a Slurm command with the configured time-out and configuration file, as <paramref name="user"/>
    /// when given (root only), with no more environment than it needs.
    /// </summary>
    internal Task<CommandResult> RunAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? user = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
            ["LANG"] = Environment.GetEnvironmentVariable("LANG") is { Length: > 0 } lang ? lang : "C.UTF-8",
        };
        if ((_options.ConfigFile ?? Environment.GetEnvironmentVariable("SLURM_CONF")) is { Length: > 0 } config)
        {
            environment["SLURM_CONF"] = config;
        }

        return user is null
            ? ExternalCommand.RunAsync(command, arguments, _options.CommandTimeout, cancellationToken, environment, onlyEnvironment: true)
            : ExternalCommand.RunAsync("runuser", ["-u", user, "--", command, .. arguments], _options.CommandTimeout, cancellationToken, environment, onlyEnvironment: true);
    }

    private static string TenantOf(Assignment assignment) => assignment.Tenant ?? "default";

    private List<string> SbatchArguments(Assignment assignment, string folder, string script)
    {
        var cards = Math.Max(0, assignment.CardsPerNode);
        List<string> arguments =
        [
            "--parsable",
            $"--job-name={JobName(assignment.Job, assignment.Fence)}",
            $"--output={Path.Combine(folder, LocalBackend.OutputFile)}",
            "--open-mode=append",
            $"--chdir={folder}",
            // The server decides where a job goes next; Slurm must not run it again on its own.
            "--no-requeue",
            string.Create(CultureInfo.InvariantCulture, $"--nodes={Math.Max(1, assignment.Nodes)}"),
            "--ntasks-per-node=1",
        ];
        if (_options.Gres is { Length: > 0 } gres && cards > 0)
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--gres={gres}:{cards}"));
        }
        else
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--cpus-per-task={Math.Max(1, cards)}"));
        }

        if (TimeLimits.Of(assignment) is { } limit)
        {
            // Slurm counts whole minutes; the run itself checks the exact limit.
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--time={Math.Max(1, (int)Math.Ceiling(limit.TotalMinutes))}"));
        }

        if (_options.Partition is { Length: > 0 } partition)
        {
            arguments.Add($"--partition={partition}");
        }

        arguments.Add(script);
        return arguments;
    }

    private static string BatchScript(Assignment assignment, string? checkpoint)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/sh\n");
        text.Append(CultureInfo.InvariantCulture, $"SUANWANG_JOB_ID={assignment.Job}\n");
        text.Append(CultureInfo.InvariantCulture, $"SUANWANG_JOB_NAME={ShellQuote(assignment.Name)}\n");
        text.Append(CultureInfo.InvariantCulture, $"SUANWANG_CARDS={assignment.CardsPerNode}\n");
        text.Append("export SUANWANG_JOB_ID SUANWANG_JOB_NAME SUANWANG_CARDS\n");
        if (checkpoint is not null)
        {
            // The stop's SIGTERM reaches this shell too: it waits for the job's command to checkpoint and exit.
            text.Append(CultureInfo.InvariantCulture, $"SUANWANG_CHECKPOINT_DIR={ShellQuote(checkpoint)}\n");
            text.Append("export SUANWANG_CHECKPOINT_DIR\n");
            text.Append("trap : TERM\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"/bin/sh -c {ShellQuote(assignment.Run)}\n");
        // Kept beside the output in case Slurm has forgotten the job by the time the agent asks.
        text.Append("code=$?\n");
        text.Append("echo $code >exit_code.tmp && mv -f exit_code.tmp exit_code\n");
        text.Append("exit $code\n");
        return text.ToString();
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
