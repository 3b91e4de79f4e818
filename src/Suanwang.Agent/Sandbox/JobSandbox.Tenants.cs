using System.Globalization;
using Suanwang.Agent.Backends;
using Suanwang.Agent.Processes;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Sandbox;

/// <summary>Tenants' users and folders.</summary>
public sealed partial class JobSandbox
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // The tenant that an agent without root serves, kept in the jobs folder across restarts.
    private const string TenantFile = "tenant";

    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, UnixUser> _users = [];

    /// <summary>
    /// The user the jobs of <paramref name="tenant"/> run as: the operator's mapping, else <c>sw-TENANT</c>,
    /// created (without a home or a login shell) when it does not exist. Never root.
    /// </summary>
    public async Task<UnixUser> UserOfAsync(string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (_users.TryGetValue(tenant, out var known))
        {
            return known;
        }

        var mapped = _options.TenantUsers.TryGetValue(tenant, out var name);
        name ??= TenantNames.User(tenant);
        var user = await LookUpAsync(name, cancellationToken).ConfigureAwait(false);
        if (user is null && mapped)
        {
            throw new BackendException($"tenant '{tenant}' is mapped to user '{name}', which does not exist on this machine");
        }

        if (user is null)
        {
            var created = await ExternalCommand.RunAsync(
                "useradd",
                ["--system", "--user-group", "--no-create-home", "--home-dir", Path.Combine(JobsFolder, TenantNames.Folder(tenant)), "--shell", "/usr/sbin/nologin", "--comment", "Suanwang tenant", name],
                s_commandTimeout,
                cancellationToken).ConfigureAwait(false);
            user = await LookUpAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new BackendException($"cannot create user '{name}' for tenant '{tenant}': {created.Message.Trim()}");
            _log($"created user {name} (uid {user.Uid}) for the jobs of tenant {tenant}");
        }

        if (user.Uid == 0 || user.Gid == 0)
        {
            throw new BackendException($"tenant '{tenant}' would run as '{name}', which has user or group id 0; jobs never run as root");
        }

        _users[tenant] = user;
        return user;
    }

    private static async Task<UnixUser?> LookUpAsync(string name, CancellationToken cancellationToken)
    {
        var entry = await ExternalCommand.RunAsync("getent", ["passwd", name], s_commandTimeout, cancellationToken).ConfigureAwait(false);
        var fields = entry.Succeeded ? entry.Stdout.Trim().Split(':') : [];
        return fields.Length >= 4
            && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            ? new UnixUser(fields[0], uid, gid)
            : null;
    }

    // Without root every job runs as the agent's user, so jobs of two tenants could read each other's
    // files: the agent serves the first tenant it sees, unless the operator chose --single-user.
    private async Task PinTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        CreatePrivate(JobsFolder);
        var file = Path.Combine(JobsFolder, TenantFile);
        string pinned;
        try
        {
            await using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(tenant + "\n"), cancellationToken).ConfigureAwait(false);
            }

            return;
        }
        catch (IOException) when (File.Exists(file))
        {
            pinned = (await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).Trim();
        }

        if (pinned != tenant)
        {
            throw new BackendException(
                $"this agent runs as user '{Environment.UserName}', not root, so it cannot run each tenant's jobs as a user of their own; " +
                $"it runs the jobs of tenant '{pinned}' only and refuses those of tenant '{tenant}'. Run the agent as root, or start it with " +
                $"--single-user to run every tenant's jobs as '{Environment.UserName}', where they can read and disturb each other's files and processes");
        }
    }

    /// <summary>The working folder of <paramref name="assignment"/>, a job of <paramref name="tenant"/>.</summary>
    public string JobFolder(string tenant, Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return Path.Combine(JobsFolder, TenantNames.Folder(tenant), string.Create(CultureInfo.InvariantCulture, $"{assignment.Job}-{assignment.Fence}"));
    }

    /// <summary>Creates the working folder of <paramref name="assignment"/> for <paramref name="user"/> (see <see cref="JobFolder"/>) and returns it.</summary>
    public string CreateJobFolder(string tenant, UnixUser? user, Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return CreateWorkingFolder(tenant, user, string.Create(CultureInfo.InvariantCulture, $"{assignment.Job}-{assignment.Fence}"));
    }

    /// <summary>Creates the checkpoint folder a job that checkpoints keeps across its runs (<c>JOB-checkpoint</c> beside its working folders) and returns it.</summary>
    public string CreateCheckpointFolder(string tenant, UnixUser? user, Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return CreateWorkingFolder(tenant, user, string.Create(CultureInfo.InvariantCulture, $"{assignment.Job}-checkpoint"));
    }

    // JOBS (root, 0711) / TENANT (root:tenant group, 0710) / JOB-FENCE (the tenant's user, 0700): other
    // tenants cannot enter a tenant's folder, and a tenant cannot move or replace its job folders.
    private string CreateWorkingFolder(string tenant, UnixUser? user, string job)
    {
        var tenantFolder = Path.Combine(JobsFolder, TenantNames.Folder(tenant));
        var folder = Path.Combine(tenantFolder, job);
        if (user is null)
        {
            CreatePrivate(JobsFolder);
            CreatePrivate(tenantFolder);
            CreatePrivate(folder);
            return folder;
        }

        CreateOwned(JobsFolder, 0, 0, Private | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        CreateOwned(tenantFolder, 0, user.Gid, Private | UnixFileMode.GroupExecute);
        CreateOwned(folder, user.Uid, user.Gid, Private);
        return folder;
    }

    private static void CreatePrivate(string folder) => CreateOwned(folder, -1, -1, Private);

    private static void CreateOwned(string folder, int uid, int gid, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the job sandbox needs Linux");
        }

        if (new DirectoryInfo(folder).LinkTarget is not null)
        {
            throw new BackendException($"{folder} is a symbolic link; the sandbox uses real folders only");
        }

        Directory.CreateDirectory(folder, mode);
        if (uid >= 0)
        {
            Posix.Chown(folder, uid, gid);
        }

        File.SetUnixFileMode(folder, mode);
    }
}
