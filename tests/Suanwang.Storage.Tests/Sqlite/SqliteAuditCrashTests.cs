using System.Diagnostics;
using System.Globalization;
using Suanwang.Core.Audit;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Storage.Tests;

public sealed class SqliteAuditCrashTests : IDisposable
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
    public async Task KilledWhileAppendingAndIntegrating_EveryAcknowledgedEntryIsKept_AndTheTreeGoesOn()
    {
        Directory.CreateDirectory(_folder);
        var database = Path.Combine(_folder, "suanwang.db");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Suanwang.Storage.Submitter.dll"), database, "audit" },
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
            while (acknowledged.Count < 5000)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                Assert.NotNull(line);
                acknowledged.Add(long.Parse(line, CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            child.Kill(); // SIGKILL, mid-append and mid-integration
        }

        var rest = (await child.StandardOutput.ReadToEndAsync(timeout.Token)).Split('\n');
        acknowledged.AddRange(rest[..^1].Select(line => long.Parse(line, CultureInfo.InvariantCulture)));
        await child.WaitForExitAsync(timeout.Token);
        _ = await stderr;

        await using var store = new SqliteStore($"Data Source={database}");
        await store.MigrateAsync(CancellationToken.None);
        var before = await store.GetAuditHeadAsync(CancellationToken.None);
        // The stored tree must still give the stored checkpoint's root, or integrating throws.
        var size = before?.Size ?? 0;
        while (true)
        {
            var (head, added) = await store.IntegrateAuditAsync(10_000, static (s, r) => $"t\n{s}\n{Convert.ToBase64String(r)}\n", DateTimeOffset.UtcNow, CancellationToken.None);
            size = head.Size;
            if (added == 0)
            {
                break;
            }
        }

        Assert.True(size >= acknowledged.Count);
        foreach (var ticket in acknowledged)
        {
            Assert.NotNull(await store.GetAuditIndexAsync(ticket, CancellationToken.None));
        }

        // Indexes follow commit order (the tickets), and the root is recomputed from every entry.
        var frontier = new MerkleFrontier();
        for (var index = 0L; index < size; index++)
        {
            var entry = (await store.GetAuditEntryAsync(index, CancellationToken.None))!;
            frontier.Append(MerkleHash.Leaf(entry.Bytes));
        }

        Assert.Equal((await store.GetAuditHeadAsync(CancellationToken.None))!.Root, frontier.Root());
        var ordered = acknowledged.Order().ToList();
        var indexes = new List<long>();
        foreach (var ticket in ordered)
        {
            indexes.Add((await store.GetAuditIndexAsync(ticket, CancellationToken.None))!.Value);
        }

        Assert.Equal(indexes.Order(), indexes);
    }
}
