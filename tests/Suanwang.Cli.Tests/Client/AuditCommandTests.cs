using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Audit;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Hosting;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Cli.Tests.Client;

/// <summary><c>suanwang audit</c> against a real server: verifies the log and its growth, and catches a changed entry or a rewritten history.</summary>
public sealed class AuditCommandTests : IAsyncLifetime, IDisposable
{
    private readonly Scratch _scratch = new();
    private SqliteStore _store = null!;
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _store = SqliteStore.InDataFolder(_scratch.Combine("data"));
        await _store.MigrateAsync(CancellationToken.None);
        _server = await SuanwangServer.StartAsync(
            new ServerOptions { Urls = "http://127.0.0.1:0", LogLevel = Microsoft.Extensions.Logging.LogLevel.None },
            _store);
        using var http = Http();
        (await http.PostAsJsonAsync("/api/v1/tenants", new NewTenant("acme"), ProtocolJson.Options)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Verify_WholeLogThenGrowthFromASavedCheckpoint_Passes()
    {
        await TopUpsAsync(3);
        var file = _scratch.Combine("saved.checkpoint");

        var saved = await RunAsync("audit", "checkpoint", "--out", file);
        await TopUpsAsync(4);
        var whole = await RunAsync("audit", "verify");
        var growth = await RunAsync("audit", "verify", "--from-checkpoint", file);

        Assert.True(saved.ExitCode == 0, saved.Stderr);
        Assert.StartsWith("suanwang.local/audit\n3\n", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.True(whole.ExitCode == 0, whole.Stderr);
        Assert.Contains("root recomputed from all 7 entries matches", whole.Stdout, StringComparison.Ordinal);
        Assert.True(growth.ExitCode == 0, growth.Stderr);
        Assert.Contains("consistent with the saved checkpoint of 3 entries", growth.Stdout, StringComparison.Ordinal);
        Assert.Contains("4 entries added since are in the signed tree", growth.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AChangedEntry_IsAMismatch()
    {
        await TopUpsAsync(4);

        await ExecuteSqlAsync("UPDATE audit_entries SET body = CAST('{\"forged\":true}' AS BLOB) WHERE idx = 3");
        var run = await RunAsync("audit", "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("MISMATCH", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("an entry was changed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RewrittenHistory_IsAMismatchAgainstTheSavedCheckpoint()
    {
        await TopUpsAsync(4);
        var file = _scratch.Combine("before.checkpoint");
        Assert.Equal(0, (await RunAsync("audit", "checkpoint", "--out", file)).ExitCode);

        await ExecuteSqlAsync(
            "UPDATE audit_entries SET body = CAST('{\"rewritten\":true}' AS BLOB) WHERE idx = 0; " +
            "DELETE FROM audit_nodes; DELETE FROM audit_checkpoint; UPDATE audit_entries SET idx = NULL;");
        await IntegrateAsync();
        var fresh = await RunAsync("audit", "verify");
        var fromSaved = await RunAsync("audit", "verify", "--from-checkpoint", file);

        Assert.Equal(0, fresh.ExitCode);
        Assert.Equal(1, fromSaved.ExitCode);
        Assert.Contains("history was rewritten", fromSaved.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_PinnedKeyOfAnotherLog_IsAMismatch_AndAMissingFileIsExit2()
    {
        await TopUpsAsync(1);
        var other = SignedNoteKey();

        var pinned = await RunAsync("audit", "verify", "--verifier-key", other);
        var missing = await RunAsync("audit", "verify", "--from-checkpoint", _scratch.Combine("nope"));

        Assert.Equal(1, pinned.ExitCode);
        Assert.Contains("does not verify", pinned.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--from-checkpoint", missing.Stderr, StringComparison.Ordinal);
    }

    private static string SignedNoteKey()
    {
        using var signer = new AuditSigner("suanwang.local/audit", AuditSigner.NewPrivateKey());
        return signer.VerifierKey;
    }

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRun.RunAsync([.. args, "--server", _server.Url.GetLeftPart(UriPartial.Authority), "--api-key", _server.AdminKey!]);

    private HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = _server.Url };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _server.AdminKey);
        return http;
    }

    private async Task TopUpsAsync(int count)
    {
        using var http = Http();
        for (var i = 0; i < count; i++)
        {
            (await http.PostAsJsonAsync("/api/v1/tenants/acme/topups", new NewTopUp("1.00", "CNY"), ProtocolJson.Options)).EnsureSuccessStatusCode();
        }

        await IntegrateAsync();
    }

    private Task<int> IntegrateAsync() => _server.Services.GetRequiredService<AuditLog>().IntegrateAsync(CancellationToken.None);

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _store.DatabasePath }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
