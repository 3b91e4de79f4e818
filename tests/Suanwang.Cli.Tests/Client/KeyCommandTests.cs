using System.Text.Json;

namespace Suanwang.Cli.Tests.Client;

/// <summary><c>suanwang key create|list|revoke</c> against a real server.</summary>
public sealed class KeyCommandTests(LiveNetwork network) : IClassFixture<LiveNetwork>
{
    [Fact]
    public async Task CreateListRevoke_TenantKey_WorksUntilRevoked()
    {
        await network.CreateTenantAsync("keys-acme");

        var created = await network.RunAsync("key", "create", "--tenant", "keys-acme", "--format", "json");
        using var issued = JsonDocument.Parse(created.Stdout);
        var id = issued.RootElement.GetProperty("id").GetString()!;
        var secret = issued.RootElement.GetProperty("key").GetString()!;
        var before = await CliRun.RunAsync("jobs", "--server", network.Url, "--api-key", secret);
        var listed = await network.RunAsync("key", "list", "--tenant", "keys-acme", "--format", "json");
        var revoked = await network.RunAsync("key", "revoke", id);
        var after = await CliRun.RunAsync("jobs", "--server", network.Url, "--api-key", secret);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal("tenant", issued.RootElement.GetProperty("role").GetString());
        Assert.Equal(0, before.ExitCode);
        Assert.Equal(0, listed.ExitCode);
        using (var keys = JsonDocument.Parse(listed.Stdout))
        {
            var key = Assert.Single(keys.RootElement.EnumerateArray());
            Assert.Equal(id, key.GetProperty("id").GetString());
            Assert.Equal("active", key.GetProperty("state").GetString());
            Assert.False(key.TryGetProperty("key", out _));
        }

        Assert.DoesNotContain(secret, listed.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal($"Revoked key {id}\n", revoked.Stdout);
        Assert.Equal(2, after.ExitCode);
        Assert.StartsWith($"error: Unauthorized: API key {id} was revoked at ", Assert.Single(after.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithJurisdictionsAndTokenLimits_ListsThem_AndABadCountryNamesTheFlag()
    {
        await network.CreateTenantAsync("keys-tokens");

        var created = await network.RunAsync("key", "create", "--tenant", "keys-tokens", "--jurisdictions", "CN,kz", "--requests-per-minute", "60", "--spend-per-month", "12.5", "--format", "json");
        var listed = await network.RunAsync("key", "list", "--tenant", "keys-tokens", "--format", "json");
        var refused = await CliRun.RunAsync("key", "create", "--tenant", "keys-tokens", "--jurisdictions", "CN,XX", "--server", network.Url, "--api-key", network.AdminKey);

        Assert.Equal(0, created.ExitCode);
        using var keys = JsonDocument.Parse(listed.Stdout);
        var key = Assert.Single(keys.RootElement.EnumerateArray());
        Assert.Equal(["CN", "KZ"], key.GetProperty("jurisdictions").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal((60, "12.50"), (key.GetProperty("requests_per_minute").GetInt32(), key.GetProperty("spend_per_month").GetString()));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("'XX' is not an ISO 3166-1 alpha-2 country code", Assert.Single(refused.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SiteKey_IsAnAgentKeyThatMayNotListJobs()
    {
        var created = await network.RunAsync("key", "create", "--site", "keys-site", "--format", "json");
        using var issued = JsonDocument.Parse(created.Stdout);

        var jobs = await CliRun.RunAsync("jobs", "--server", network.Url, "--api-key", issued.RootElement.GetProperty("key").GetString()!);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(("agent", "keys-site"), (issued.RootElement.GetProperty("role").GetString(), issued.RootElement.GetProperty("site").GetString()));
        Assert.Equal(2, jobs.ExitCode);
        Assert.Equal(["error: Forbidden: this is the agent key of site keys-site: it may only register, heartbeat and report for that site"], jobs.ErrorLines);
    }

    [Theory]
    [InlineData(new[] { "key", "create" }, "--tenant")]
    [InlineData(new[] { "key", "create", "--tenant", "admin", "--site", "s" }, "--tenant")]
    [InlineData(new[] { "key", "create", "--site", "s", "--admin" }, "--admin")]
    [InlineData(new[] { "key", "create", "--tenant", "admin", "--expires-at", "soon" }, "--expires-at")]
    [InlineData(new[] { "key", "create", "--tenant", "admin", "--expires-at", "2001-01-01T00:00:00Z" }, "--expires-at")]
    [InlineData(new[] { "key", "create", "--site", "bad site" }, "--site")]
    public async Task Create_BadFlags_ExitsTwoNamingTheFlag(string[] args, string flag)
    {
        var before = (await network.Client().ListKeysAsync(null, null, null, default)).Count;

        var run = await network.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains(flag, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, (await network.Client().ListKeysAsync(null, null, null, default)).Count);
    }
}
