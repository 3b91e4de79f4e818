using System.Text.Json;

namespace Suanwang.Cli.Tests.Client;

/// <summary><c>suanwang provider key create|list|revoke</c> against a real server.</summary>
public sealed class ProviderCommandTests(LiveNetwork network) : IClassFixture<LiveNetwork>
{
    [Fact]
    public async Task CreateListRevoke_ProviderKey_ReadsItsStatementUntilRevoked_AndNothingElse()
    {
        var created = await network.RunAsync("provider", "key", "create", "Test Compute", "--expires-at", "2099-01-01T00:00:00Z", "--format", "json");
        using var issued = JsonDocument.Parse(created.Stdout);
        var id = issued.RootElement.GetProperty("id").GetString()!;
        var secret = issued.RootElement.GetProperty("key").GetString()!;
        var statement = await CliRun.RunAsync("statement", "--provider", "Test Compute", "--format", "json", "--server", network.Url, "--api-key", secret);
        var jobs = await CliRun.RunAsync("jobs", "--server", network.Url, "--api-key", secret);
        var listed = await network.RunAsync("provider", "key", "list", "Test Compute", "--format", "json");
        var table = await network.RunAsync("provider", "key", "list");
        var revoked = await network.RunAsync("provider", "key", "revoke", id);
        var after = await CliRun.RunAsync("statement", "--provider", "Test Compute", "--server", network.Url, "--api-key", secret);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(("provider", "Test Compute"), (issued.RootElement.GetProperty("role").GetString(), issued.RootElement.GetProperty("owner").GetString()));
        Assert.Equal(0, statement.ExitCode);
        Assert.Equal("Test Compute", JsonDocument.Parse(statement.Stdout).RootElement.GetProperty("id").GetString());
        Assert.Equal(2, jobs.ExitCode);
        Assert.Equal(["error: Forbidden: this is the provider key of Test Compute: it may only read that provider's statement and sites"], jobs.ErrorLines);
        using (var keys = JsonDocument.Parse(listed.Stdout))
        {
            var key = Assert.Single(keys.RootElement.EnumerateArray(), k => k.GetProperty("id").GetString() == id);
            Assert.Equal(("active", "Test Compute"), (key.GetProperty("state").GetString(), key.GetProperty("owner").GetString()));
            Assert.All(keys.RootElement.EnumerateArray(), k => Assert.Equal("provider", k.GetProperty("role").GetString()));
        }

        Assert.DoesNotContain(secret, listed.Stdout + table.Stdout, StringComparison.Ordinal);
        Assert.Contains(id, table.Stdout, StringComparison.Ordinal);
        Assert.Equal($"Revoked key {id}\n", revoked.Stdout);
        Assert.Equal(2, after.ExitCode);
        Assert.StartsWith($"error: Unauthorized: API key {id} was revoked at ", Assert.Single(after.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "provider", "key", "create", " " }, "OWNER")]
    [InlineData(new[] { "provider", "key", "create", "Test Compute", "--expires-at", "soon" }, "--expires-at")]
    [InlineData(new[] { "provider", "key", "create", "Test Compute", "--expires-at", "2001-01-01T00:00:00Z" }, "--expires-at")]
    public async Task Create_BadInput_ExitsTwoNamingIt(string[] args, string flag)
    {
        var run = await network.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(flag, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
