using System.Diagnostics;
using System.Globalization;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Storage.Tests;

public sealed class SqliteCrashTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "suanwang-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task KilledWhileSubmitting_EveryAcknowledgedJobIsStored()
    {
        Directory.CreateDirectory(_folder);
        var database = Path.Combine(_folder, "suanwang.db");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Suanwang.Storage.Submitter.dll"), database },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var acknowledged = new List<long>();
        try
        {
            var ready = await child.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.True(ready == "ready", $"the submitter did not start: {ready}");
            while (acknowledged.Count < 3000)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                Assert.NotNull(line);
                acknowledged.Add(long.Parse(line, CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            child.Kill(); // SIGKILL: no finally blocks, no flushes, no disposal in the child
        }

        // What it printed before it died is still in the pipe; a line cut short by the kill is not an acknowledgement.
        var rest = (await child.StandardOutput.ReadToEndAsync(timeout.Token)).Split('\n');
        acknowledged.AddRange(rest[..^1].Select(line => long.Parse(line, CultureInfo.InvariantCulture)));
        await child.WaitForExitAsync(timeout.Token);
        Assert.NotEqual(0, child.ExitCode);
        _ = await stderr;

        await using var store = new SqliteStore($"Data Source={database}");
        await store.MigrateAsync(CancellationToken.None);
        var stored = new HashSet<long>();
        long? before = null;
        while (true)
        {
            var page = await store.ListJobsAsync(new JobQuery(BeforeId: before, Limit: 1000), CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            stored.UnionWith(page.Select(j => j.Id));
            before = page[^1].Id;
        }

        var lost = acknowledged.Except(stored).ToList();
        Assert.Empty(lost);
        Assert.True(stored.Count >= acknowledged.Count);
    }
}
