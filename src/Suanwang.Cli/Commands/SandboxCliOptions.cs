using System.CommandLine;
using System.Text.RegularExpressions;
using Suanwang.Agent.Sandbox;
using Suanwang.Core.Errors;

namespace Suanwang.Cli.Commands;

/// <summary>The job sandbox's flags, shared by <c>up</c> and <c>agent</c> (docs/security.md).</summary>
internal sealed partial class SandboxCliOptions
{
    private const long GiB = 1024L * 1024 * 1024;
    private const long MiB = 1024L * 1024;

    private readonly Option<bool> _singleUser = new("--single-user")
    {
        Description = "Without root: run the jobs of every tenant as this user. Tenants' jobs can then read each other's files and the data folder, and signal each other's processes; without the flag such an agent runs the jobs of its first tenant only",
    };

    private readonly Option<string[]> _tenantUsers = new("--tenant-user")
    {
        Description = "TENANT=USER: run that tenant's jobs as an existing Unix user instead of sw-TENANT (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _jobsFolder = new("--jobs")
    {
        Description = "Folder of the jobs' working folders (default /var/lib/suanwang-jobs/agent-HASH as root, ~/.local/state/suanwang-jobs/agent-HASH otherwise)",
    };

    private readonly Option<int?> _memory = WholeNumberOption.Create("--job-memory", "Memory limit of a job per card or CPU slot it holds, in GiB (default 8)", 1, 1 << 20);
    private readonly Option<int?> _processes = WholeNumberOption.Create("--job-processes", "Processes and threads a job may have at once (default 4096)", 16, 1 << 22);
    private readonly Option<int?> _openFiles = WholeNumberOption.Create("--job-open-files", "Files each process of a job may have open (default 4096)", 64, 1 << 20);
    private readonly Option<int?> _fileSize = WholeNumberOption.Create("--job-max-file-size", "Largest file a job may write, in MiB (default: no limit)", 1, int.MaxValue);

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [_singleUser, _tenantUsers, _jobsFolder, _memory, _processes, _openFiles, _fileSize];

    /// <summary>The sandbox the parsed flags ask for; throws <see cref="InputException"/> for a malformed <c>--tenant-user</c>.</summary>
    public SandboxOptions Read(ParseResult parse)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(_tenantUsers) ?? [])
        {
            var match = TenantUser().Match(pair);
            if (!match.Success)
            {
                throw new InputException("--tenant-user", 0, "--tenant-user", $"'{pair}' is not TENANT=USER (a tenant id and an existing Unix user name)");
            }

            users[match.Groups[1].Value] = match.Groups[2].Value;
        }

        var defaults = new SandboxOptions();
        return new SandboxOptions
        {
            SingleUser = parse.GetValue(_singleUser),
            TenantUsers = users,
            JobsFolder = parse.GetValue(_jobsFolder) is { Length: > 0 } folder ? Path.GetFullPath(folder) : null,
            MemoryPerCardBytes = parse.GetValue(_memory) is { } memory ? memory * GiB : defaults.MemoryPerCardBytes,
            MaxProcesses = parse.GetValue(_processes) ?? defaults.MaxProcesses,
            MaxOpenFiles = parse.GetValue(_openFiles) ?? defaults.MaxOpenFiles,
            MaxFileSizeBytes = parse.GetValue(_fileSize) is { } size ? size * MiB : null,
        };
    }

    [GeneratedRegex(@"\A([a-z0-9][a-z0-9-]{0,62})=([a-z_][a-z0-9_-]{0,31})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TenantUser();
}
