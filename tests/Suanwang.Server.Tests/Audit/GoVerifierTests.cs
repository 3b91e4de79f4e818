using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Audit;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Server.Tests.Hosting;

namespace Suanwang.Server.Tests.Audit;

/// <summary>A running server's log checked by Go's sumdb/note and sumdb/tlog, which share no code with ours.</summary>
public sealed class GoVerifierTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "suanwang-server-tests", Guid.NewGuid().ToString("N"));
    private TestStore _store = null!;
    private TestServer _server = null!;
    private HttpClient _acme = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _store = await TestStore.OpenAsync();
        _server = await TestServer.StartAsync(_store.Store);
        await _server.RegisterAsync(Specs.Site("cn-a"));
        _acme = await _server.TenantAsync("acme");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _server.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task GoVerifier_AcceptsTheLogAndItsGrowth_AsAnyCaller()
    {
        await AddEntriesAsync(3);
        var saved = await SaveCheckpointAsync();
        await AddEntriesAsync(4);

        var admin = await GoVerifier.RunAsync(_server.Server.Url, _server.AdminKey, saved);
        var anonymous = await GoVerifier.RunAsync(_server.Server.Url, null, saved);

        Assert.True(admin.ExitCode == 0, admin.Stderr);
        Assert.StartsWith("OK 11 entries", admin.Stdout, StringComparison.Ordinal);
        Assert.True(anonymous.ExitCode == 0, anonymous.Stderr);
    }

    [Fact]
    public async Task GoVerifier_ATamperedEntry_IsDetected()
    {
        await AddEntriesAsync(5);

        await _store.ExecuteSqlAsync("UPDATE audit_entries SET body = CAST('{\"kind\":\"posting\",\"forged\":true}' AS BLOB) WHERE idx = 2");
        var run = await GoVerifier.RunAsync(_server.Server.Url, _server.AdminKey);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("entry 2 is not in the tree", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoVerifier_RewrittenHistory_IsDetectedFromASavedCheckpoint()
    {
        await AddEntriesAsync(5);
        var saved = await SaveCheckpointAsync();

        // The operator rewrites entry 1 and rebuilds and re-signs the whole tree with the log's own key.
        await _store.ExecuteSqlAsync(
            "UPDATE audit_entries SET body = CAST('{\"kind\":\"posting\",\"rewritten\":true}' AS BLOB) WHERE idx = 1; " +
            "DELETE FROM audit_nodes; DELETE FROM audit_checkpoint; UPDATE audit_entries SET idx = NULL;");
        await IntegrateAsync();
        var fresh = await GoVerifier.RunAsync(_server.Server.Url, _server.AdminKey);
        var fromSaved = await GoVerifier.RunAsync(_server.Server.Url, _server.AdminKey, saved);

        Assert.True(fresh.ExitCode == 0, fresh.Stderr);
        Assert.Equal(1, fromSaved.ExitCode);
        Assert.Contains("not an extension of the saved one", fromSaved.Stderr, StringComparison.Ordinal);
    }

    // Each round: a top-up (a posting) for acme; every other round a placed job too.
    private async Task AddEntriesAsync(int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            var response = await _server.Admin.PostAsJsonAsync("/api/v1/tenants/acme/topups", new NewTopUp("1.00", "CNY"), ProtocolJson.Options);
            response.EnsureSuccessStatusCode();
            if (i % 2 == 0)
            {
                var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme", name: $"j{i}", cards: 1));
                await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
            }
        }

        await IntegrateAsync();
    }

    private Task<int> IntegrateAsync() => _server.Server.Services.GetRequiredService<AuditLog>().IntegrateAsync(CancellationToken.None);

    private async Task<string> SaveCheckpointAsync()
    {
        var path = Path.Combine(_folder, $"checkpoint-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(path, await _server.Admin.GetStringAsync("/api/v1/audit/checkpoint"));
        return path;
    }
}
