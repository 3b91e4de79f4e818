using System.Diagnostics;

namespace Suanwang.Server.Tests.Audit;

/// <summary>
/// The independent verifier (verifier/main.go), built once per test run by scripts/go-verifier.sh
/// with Go's golang.org/x/mod/sumdb/note and sumdb/tlog from Debian's packages.
/// </summary>
internal static class GoVerifier
{
    private static readonly Lazy<Task<string>> s_binary = new(BuildAsync);

    /// <summary>Runs the verifier against <paramref name="server"/>; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Uri server, string? key, string? savedCheckpoint = null)
    {
        var start = new ProcessStartInfo(await s_binary.Value)
        {
            ArgumentList = { server.GetLeftPart(UriPartial.Authority) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (savedCheckpoint is not null)
        {
            start.ArgumentList.Add(savedCheckpoint);
        }

        start.Environment["SUANWANG_KEY"] = key ?? "";
        return await RunAsync(start, TimeSpan.FromMinutes(2));
    }

    private static async Task<string> BuildAsync()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), "suanwang-go-verifier", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(root, "scripts", "go-verifier.sh"), Path.Combine(root, "tests", "Suanwang.Server.Tests", "Audit", "verifier"), output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Installing the packages on a fresh machine takes a few minutes.
        var (code, stdout, stderr) = await RunAsync(start, TimeSpan.FromMinutes(15));
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (code != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException($"scripts/go-verifier.sh exited with {code}:\n{stderr}");
        }

        return lines[^1];
    }

    private static async Task<(int, string, string)> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
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
