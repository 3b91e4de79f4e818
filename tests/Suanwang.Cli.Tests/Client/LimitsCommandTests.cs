using System.Text.Json;

namespace Suanwang.Cli.Tests.Client;

/// <summary><c>suanwang limits</c> against a real server: shows the defaults, changes only the flags given.</summary>
public sealed class LimitsCommandTests(LiveNetwork network) : IClassFixture<LiveNetwork>
{
    [Fact]
    public async Task Limits_WithFlags_ChangesOnlyThoseNamed_AndNoCardCapRemovesTheCap()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        await network.CreateTenantAsync(tenant);

        var shown = await network.RunAsync("limits", "--tenant", tenant);
        var changed = await network.RunAsync("limits", "--tenant", tenant, "--max-cards", "4", "--max-priority", "9", "--format", "json");
        var uncapped = await network.RunAsync("limits", "--tenant", tenant, "--no-card-cap", "--format", "json");

        Assert.Equal(0, shown.ExitCode);
        Assert.Equal($"{tenant}: 50 requests/s per key (burst 200); at most 1000 queued jobs, 1000 open orders, cards held at once: no cap; priority up to 100", shown.Stdout.Trim());
        using (var doc = JsonDocument.Parse(changed.Stdout))
        {
            Assert.Equal(4, doc.RootElement.GetProperty("max_cards").GetInt32());
            Assert.Equal(9, doc.RootElement.GetProperty("max_priority").GetInt32());
            Assert.Equal(200, doc.RootElement.GetProperty("burst").GetInt32());
        }

        using (var doc = JsonDocument.Parse(uncapped.Stdout))
        {
            Assert.False(doc.RootElement.TryGetProperty("max_cards", out _));
            Assert.Equal(9, doc.RootElement.GetProperty("max_priority").GetInt32());
        }
    }

    [Fact]
    public async Task Limits_OutOfRangeFlag_IsExit2NamingTheFlag()
    {
        var run = await network.RunAsync("limits", "--tenant", "admin", "--burst", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--burst: '0' is not a whole number from 1 to 1000000", run.Stderr, StringComparison.Ordinal);
    }
}
