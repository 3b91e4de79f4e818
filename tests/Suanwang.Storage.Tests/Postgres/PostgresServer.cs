using System.Diagnostics;

namespace Suanwang.Storage.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>SUANWANG_TEST_POSTGRES</c> when set, else the one
/// <c>scripts/postgres.sh</c> starts (once per test run). Never skipped: no server is a failure.
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "SUANWANG_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> s_connectionString = new(FindAsync);

    /// <summary>A connection string for a user that may create databases.</summary>
    public static Task<string> ConnectionStringAsync() => s_connectionString.Value;

    private static async Task<string> FindAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var script = Path.Combine(RepositoryRoot(), "scripts", "postgres.sh");
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { script },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Installing the package on a fresh machine takes a few minutes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException(
                $"{script} exited with {process.ExitCode}; set {Variable} to use a server of your own.\n{await stderr}");
        }

        return lines[^1];
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Suanwang.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Suanwang.slnx above {AppContext.BaseDirectory}");
    }
}
