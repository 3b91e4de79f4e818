using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Suanwang.Portal.Tests.Support;
using Suanwang.Protocol;
using Suanwang.Protocol.Tokens;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>The tokens page: models and prices, usage per key and model, and keys issued and revoked as on the REST key routes.</summary>
public sealed class TokensTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    [Fact]
    public async Task TheModels_AreListedWithTheirSitesAndPricesPerMillionTokens()
    {
        var published = await Network.Admin.PutAsJsonAsync(
            $"/api/v1/agents/{PortalNetwork.CheapestInCn}/models",
            new SiteModels([new SiteModel("portal-llm", "http://127.0.0.1:9/v1", "external", 8192, 4, 2.5m, 10m, "CNY")]),
            ProtocolJson.Options);
        published.EnsureSuccessStatusCode();
        var key = await Network.TenantAsync("tk-models");
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);

        var html = await portal.PageAsync("/tokens");

        var row = Regex.Match(html, "<tr data-model=\"portal-llm\" data-site=\"cn-portal-cheap\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, html);
        Assert.Contains("CNY 2.50", row.Value, StringComparison.Ordinal);
        Assert.Contains("CNY 10.00", row.Value, StringComparison.Ordinal);
        Assert.Contains("8,192", row.Value, StringComparison.Ordinal);
        Assert.Contains("href=\"/sites/cn-portal-cheap\"", row.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenantsUsage_IsSummedPerKeyAndModel_ToTheNano()
    {
        var issued = await Network.TenantKeyAsync("tk-usage");
        await Network.Store.RecordTokenUsageAsync(StatementTests.Usage("tk-usage", issued.Id, "model-a", 1_000_000_001), CancellationToken.None);
        await Network.Store.RecordTokenUsageAsync(StatementTests.Usage("tk-usage", issued.Id, "model-a", 2), CancellationToken.None);
        await Network.Store.RecordTokenUsageAsync(StatementTests.Usage("tk-usage", issued.Id, "model-b", 500_000_000), CancellationToken.None);
        await Network.Store.RecordTokenUsageAsync(StatementTests.Usage("tk-someone-else", "key_other", "model-a", 7), CancellationToken.None);
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(issued.Key);

        var html = await portal.PageAsync("/tokens");

        var a = Regex.Match(html, $"<tr data-key=\"{issued.Id}\" data-model=\"model-a\">(.*?)</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("<td class=\"num\">2</td>", a, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">2,000</td>", a, StringComparison.Ordinal);
        Assert.Contains("CNY 1.000000003", a, StringComparison.Ordinal);
        Assert.Contains("CNY 0.500000000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("key_other", html, StringComparison.Ordinal);
        Assert.Contains("id=\"keys-admin-only\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminIssuesAKey_SeesItsSecretOnce_AndRevokesIt()
    {
        await Network.TenantAsync("tk-keys");
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);

        using var created = await admin.PostAsync(
            "/tokens?handler=Create&tenant=tk-keys",
            [new("Key.Jurisdictions", "cn, KZ"), new("Key.RequestsPerMinute", "60"), new("Key.TokensPerMinute", "100000"), new("Key.SpendPerMonth", "250.5")],
            "/tokens?tenant=tk-keys");
        var html = await created.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, "the page with the secret is not stored");
        var secret = Regex.Match(html, "<p class=\"secret\" id=\"new-key-secret\">([^<]+)</p>").Groups[1].Value;
        Assert.NotEmpty(secret);
        using (var withKey = Network.Rest(secret))
        {
            Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync(new Uri("/api/v1/tenants/tk-keys/balance", UriKind.Relative))).StatusCode);
        }

        var listed = await admin.PageAsync("/tokens?tenant=tk-keys");
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        var id = Regex.Match(html, "id=\"key-issued\">\\s*<p>Key (key_[0-9a-f]+) is issued").Groups[1].Value;
        Assert.NotEmpty(id);
        var row = Regex.Match(listed, $"<tr data-key=\"{id}\">(.*?)</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("CN, KZ", row, StringComparison.Ordinal);
        Assert.Contains(">60<", row, StringComparison.Ordinal);
        Assert.Contains("100,000", row, StringComparison.Ordinal);
        Assert.Contains("CNY 250.50", row, StringComparison.Ordinal);

        using var revoked = await admin.PostAsync("/tokens?handler=Revoke&tenant=tk-keys", [new("id", id)], "/tokens?tenant=tk-keys");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains("id=\"key-revoked\"", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var withKey = Network.Rest(secret))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync(new Uri("/api/v1/tenants/tk-keys/balance", UriKind.Relative))).StatusCode);
        }

        using var again = await admin.PostAsync("/tokens?handler=Revoke&tenant=tk-keys", [new("id", "key_000000000000")], "/tokens?tenant=tk-keys");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData("Key.Jurisdictions", "CN, X1", "jurisdictions[1]")]
    [InlineData("Key.RequestsPerMinute", "sixty", "requests_per_minute")]
    [InlineData("Key.RequestsPerMinute", "0", "requests_per_minute")]
    [InlineData("Key.TokensPerMinute", "-5", "tokens_per_minute")]
    [InlineData("Key.SpendPerMonth", "1e9", "spend_per_month")]
    [InlineData("Key.ExpiresOn", "2020-01-01", "expires_at")]
    [InlineData("Key.ExpiresOn", "tomorrow", "expires_at")]
    public async Task ABadKeyForm_Is400_NamingTheField_AndIssuesNothing(string name, string value, string field)
    {
        var tenant = "tk-bad-" + Math.Abs((name + value).GetHashCode(StringComparison.Ordinal));
        await Network.TenantAsync(tenant);
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);
        var before = Regex.Count(await admin.PageAsync($"/tokens?tenant={tenant}"), "<tr data-key=");

        using var response = await admin.PostAsync($"/tokens?handler=Create&tenant={tenant}", [new(name, value)], $"/tokens?tenant={tenant}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<code>{field}</code>:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("new-key-secret", html, StringComparison.Ordinal);
        Assert.Equal(before, Regex.Count(await admin.PageAsync($"/tokens?tenant={tenant}"), "<tr data-key="));
    }

    [Fact]
    public async Task ATenant_CannotIssueOrRevokeKeys_AsOnTheRestRoutes()
    {
        var issued = await Network.TenantKeyAsync("tk-tenant");
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(issued.Key);

        using var create = await portal.PostAsync("/tokens?handler=Create", [new("Key.RequestsPerMinute", "5")], "/tokens");
        using var revoke = await portal.PostAsync("/tokens?handler=Revoke", [new("id", issued.Id)], "/tokens");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/tokens")).StatusCode);
        await portal.PageAsync("/tokens?tenant=tk-models", HttpStatusCode.Forbidden);
    }
}
