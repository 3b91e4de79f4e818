using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Suanwang.Agent.Backends;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Sandbox;

/// <summary>
/// Puts each job of the local backend in a sandbox: its tenant's unprivileged Unix user, a private
/// working folder outside the agent's data, new PID, mount and IPC namespaces, and limits on memory,
/// processes, open files and CPU weight (control groups where writable, setrlimit otherwise). The
/// model, and what it does not cover, is in docs/security.md.
/// </summary>
public sealed partial class JobSandbox
{
    // The namespaces' first process: root inside them, it mounts a private /tmp and /dev/shm (unless
    // the job's folder is inside one of them), starts
    // the job in its folder and waits for it. When it exits the kernel kills whatever the job left in
    // the namespace. As the namespace's init it ignores SIGTERM, which the job's processes get directly.
    private const string NamespaceInit =
        """
        cd "$1" || exit 125
        unset OLDPWD
        for dir in /tmp /dev/shm; do
          case "$1/" in "$dir"/*) continue ;; esac
          mount -t tmpfs -o nosuid,nodev,mode=1777 suanwang-job "$dir" 2>/dev/null
        done
        shift
        "$@" &
        wait $!
        """;

    // Without namespaces there is nothing to wait for: the job's shell takes this one's place.
    private const string PlainInit =
        """
        cd "$1" || exit 125
        unset OLDPWD
        shift
        exec "$@"
        """;

    // The wrapper, the unshare process and the init count against the job's process limit.
    private const int WrapperProcesses = 3;

    private readonly SandboxOptions _options;
    private readonly Action<string> _log;
    private readonly HashSet<string> _noted = [];
    private Task<bool>? _namespaces;

    /// <summary>Creates the sandbox of an agent whose work folder is <paramref name="workFolder"/>.</summary>
    public JobSandbox(SandboxOptions options, string workFolder, Action<string>? log = null)
        : this(options, workFolder, log, Posix.IsRoot)
    {
    }

    /// <summary>Creates the sandbox as if the agent were root or not, whichever <paramref name="root"/> says (tests of the rules without root).</summary>
    internal JobSandbox(SandboxOptions options, string workFolder, Action<string>? log, bool root)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(workFolder);
        _options = options;
        _log = log ?? (_ => { });
        IsRoot = root;
        JobsFolder = Path.GetFullPath(options.JobsFolder ?? DefaultJobsFolder(workFolder, IsRoot));
    }

    /// <summary>True when the agent runs as root and so can give each tenant its own user.</summary>
    public bool IsRoot { get; }

    /// <summary>The folder holding one folder per tenant, each holding one working folder per job.</summary>
    public string JobsFolder { get; }

    /// <summary>
    /// Where jobs' folders go unless told otherwise: as root <c>/var/lib/suanwang-jobs/AGENT</c>, else
    /// <c>$XDG_STATE_HOME/suanwang-jobs/AGENT</c> (<c>~/.local/state</c>), where AGENT is a hash of the
    /// agent's work folder, so agents on one machine never share folders.
    /// </summary>
    public static string DefaultJobsFolder(string workFolder, bool root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workFolder);
        var agent = "agent-" + Hash(Path.GetFullPath(workFolder));
        if (root)
        {
            return Path.Combine("/var/lib/suanwang-jobs", agent);
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "suanwang-jobs", agent);
    }

    /// <summary>
    /// Makes the job's user, folder and control groups ready and says how to start it. Throws
    /// <see cref="BackendException"/> when the job may not run here (a second tenant on an agent that
    /// is not root, a mapped user that does not exist).
    /// </summary>
    public async Task<SandboxLaunch> PrepareAsync(Assignment assignment, string controlFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var tenant = assignment.Tenant ?? "default";
        UnixUser? user = null;
        if (IsRoot)
        {
            user = await UserOfAsync(tenant, cancellationToken).ConfigureAwait(false);
        }
        else if (!_options.SingleUser)
        {
            await PinTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        }

        var folder = CreateWorkingFolder(tenant, user, string.Create(CultureInfo.InvariantCulture, $"{assignment.Job}-{assignment.Fence}"));
        var cards = Math.Max(1, assignment.CardsPerNode);
        var memory = _options.MemoryPerCardBytes * cards;
        var groups = JobCgroups.Create(CgroupName(controlFolder), memory, _options.MaxProcesses + WrapperProcesses, _options.CpuSharesPerCard * cards);
        NoteFallbacks(groups);

        List<string> prefix = [];
        if (await NamespacesAsync(cancellationToken).ConfigureAwait(false))
        {
            prefix.AddRange(["unshare", "--pid", "--fork", "--mount-proc", "--ipc", "--mount", "--kill-child", "--", "/bin/sh", "-c", NamespaceInit, "suanwang-init", folder]);
        }
        else
        {
            prefix.AddRange(["/bin/sh", "-c", PlainInit, "suanwang-init", folder]);
        }

        prefix.Add("prlimit");
        prefix.Add(Limit("nofile", _options.MaxOpenFiles));
        if (!groups.Memory)
        {
            // Address space is a coarse stand-in for memory: programs that reserve much more than they use need a cgroup.
            prefix.Add(Limit("as", memory));
        }

        if (!groups.Processes && user is not null)
        {
            // Per user, not per job: with one user per tenant it bounds the tenant's processes together.
            prefix.Add(Limit("nproc", _options.MaxProcesses));
        }

        if (_options.MaxFileSizeBytes is { } fileSize)
        {
            prefix.Add(Limit("fsize", fileSize));
        }

        prefix.Add("--");
        if (user is not null)
        {
            prefix.AddRange(
            [
                "setpriv",
                string.Create(CultureInfo.InvariantCulture, $"--reuid={user.Uid}"),
                string.Create(CultureInfo.InvariantCulture, $"--regid={user.Gid}"),
                "--init-groups",
                "--no-new-privs",
                "--inh-caps=-all",
                "--bounding-set=-all",
                "--",
            ]);
        }

        // A job that checkpoints keeps one folder across its runs here, beside its working folders.
        var checkpoint = assignment.GraceSeconds is null
            ? null
            : CreateCheckpointFolder(tenant, user, assignment);
        return new SandboxLaunch(folder, user, groups.ProcsFiles, prefix, checkpoint);
    }

    /// <summary>One line for the agent's log: who jobs run as, and what isolation is missing.</summary>
    public string Describe()
    {
        var user = Environment.UserName;
        if (IsRoot)
        {
            return $"job sandbox: each tenant's jobs run as its own user (sw-TENANT unless mapped), in {JobsFolder}"
                + (_options.SingleUser ? "; --single-user has no effect as root" : "");
        }

        return _options.SingleUser
            ? $"job sandbox: --single-user, so every tenant's jobs run as '{user}', the agent's own user: they can read each other's files and the agent's, and signal each other's processes"
            : $"job sandbox: the agent is not root, so its jobs run as '{user}' and it runs the jobs of one tenant only (the first it is given); --single-user lifts that without isolating tenants";
    }

    /// <summary>Kills what is left of the job started from <paramref name="controlFolder"/> and removes its control groups.</summary>
    public Task ReleaseAsync(string controlFolder) => JobCgroups.Find(CgroupName(controlFolder)).RemoveAsync();

    private static string CgroupName(string controlFolder) => "suanwang-" + Hash(Path.GetFullPath(controlFolder));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    private static string Limit(string resource, long value) => string.Create(CultureInfo.InvariantCulture, $"--{resource}={value}:{value}");

    private Task<bool> NamespacesAsync(CancellationToken cancellationToken)
    {
        if (!_options.Namespaces)
        {
            return Task.FromResult(false);
        }

        return _namespaces ??= ProbeNamespacesAsync(cancellationToken);
    }

    private async Task<bool> ProbeNamespacesAsync(CancellationToken cancellationToken)
    {
        var probe = await Processes.ExternalCommand.RunAsync("unshare", ["--pid", "--fork", "--mount-proc", "--ipc", "--mount", "--kill-child", "true"], TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        if (!probe.Succeeded)
        {
            _log($"jobs run without their own PID, mount and IPC namespaces: the kernel refused them to this agent ({probe.Message.Trim()}); a job can see the machine's processes, and its background processes are stopped through its process group");
        }

        return probe.Succeeded;
    }

    private void NoteFallbacks(JobCgroups groups)
    {
        Note(!groups.Memory, "memory", "the memory control group is not writable: a job's memory is limited by its address space (RLIMIT_AS) instead");
        Note(!groups.Processes, "pids", IsRoot
            ? "the pids control group is not writable: a tenant's processes are limited per user (RLIMIT_NPROC) instead"
            : "the pids control group is not writable and the agent is not root: a job's number of processes is not limited");
        Note(!groups.Cpu, "cpu", "the cpu control group is not writable: jobs share the CPU without weights per card");
    }

    private void Note(bool fallback, string key, string text)
    {
        if (fallback && _noted.Add(key))
        {
            _log(text);
        }
    }
}
