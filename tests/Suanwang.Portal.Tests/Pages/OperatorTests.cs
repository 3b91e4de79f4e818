using System.Net;
using System.Text.RegularExpressions;
using Suanwang.Core.Audit;
using Suanwang.Portal.Tests.Support;
using Suanwang.Testing;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>The operator views (admin only) and the audit log browser with its inclusion check.</summary>
public sealed partial class OperatorTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    [Theory]
    [InlineData("/operator")]
    [InlineData("/operator/ledger")]
    public async Task OperatorPages_AreForbidden_ToATenant(string path)
    {
        var key = await Network.TenantAsync("op-tenant-" + path.Length);
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);

        using var response = await portal.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("href=\"/operator\"", await portal.PageAsync("/market"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLedgerCheck_IsAnAdminsPost_WithItsAntiforgeryToken()
    {
        var key = await Network.TenantAsync("op-ledger-tenant");
        using var tenant = new PortalClient(Network.Url);
        await tenant.SignInAsync(key);
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);

        using var byTenant = await tenant.PostAsync("/operator/ledger?handler=Check", [], "/market");
        using var withoutToken = await admin.PostAsync("/operator/ledger?handler=Check", [], null);

        Assert.Equal(HttpStatusCode.Forbidden, byTenant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    [Fact]
    public async Task TheOperatorView_ShowsTenantsWithLimitsAndBalances_ProvidersAndTheLedgerCheck()
    {
        await Network.TenantAsync("op-rich", topUp: 12.5m);
        using var portal = new PortalClient(Network.Url, "zh-CN");
        await portal.SignInAsync(Network.AdminKey);

        var html = await portal.PageAsync("/operator");

        Assert.Matches("<bdi>op-rich</bdi></a></th>\\s*<td class=\"num\">1.00</td>\\s*<td class=\"num\">50 / 200</td>\\s*<td class=\"num\">1,000</td>\\s*<td class=\"num\">1,000</td>\\s*<td class=\"num\">—</td>\\s*<td class=\"num\">100</td>\\s*<td class=\"num\">12.50 元</td>", html);
        Assert.Matches("<bdi>Portal Test Compute</bdi></a>[^<]*<a href=\"/statements\\?provider=Portal%20Test%20Compute\">[^<]*</a></th>\\s*<td class=\"num\">3</td>", html);
        var ledger = await portal.PageAsync("/operator/ledger");
        Assert.Contains("id=\"ledger-check\"", ledger, StringComparison.Ordinal);
        using (var checkedNow = await portal.PostAsync("/operator/ledger?handler=Check", [], "/operator/ledger"))
        {
            Assert.Equal(HttpStatusCode.Redirect, checkedNow.StatusCode);
        }

        ledger = await portal.PageAsync("/operator/ledger");
        Assert.Contains("class=\"ok\" role=\"status\" id=\"ledger-result\"", ledger, StringComparison.Ordinal);
        await portal.PageAsync("/operator?page=-1", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheAuditLog_ShowsATenantItsOwnEntries_AndOthersOnlyHashes_AndChecksInclusion()
    {
        var mine = await Network.TenantAsync("audit-mine", topUp: 3);
        var theirs = await Network.TenantAsync("audit-theirs");
        var entry = await Eventually.ResultAsync(() => EntryOfAsync("audit-mine"), "the top-up's audit entry is in a signed checkpoint");
        var index = entry.Index;
        var leaf = Convert.ToBase64String(MerkleHash.Leaf(entry.Bytes));

        using var owner = new PortalClient(Network.Url);
        await owner.SignInAsync(mine);
        using var other = new PortalClient(Network.Url);
        await other.SignInAsync(theirs);
        var size = (await Network.Store.GetAuditHeadAsync(CancellationToken.None))!.Size;
        var page = $"/audit?page={((size - 1 - index) / 25) + 1}";

        var own = Row(await owner.PageAsync(page), index);
        Assert.Contains("<bdi>audit-mine</bdi>", own, StringComparison.Ordinal);
        Assert.DoesNotContain(leaf, own, StringComparison.Ordinal);
        var hashOnly = Row(await other.PageAsync(page), index);
        Assert.Contains(leaf, hashOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("audit-mine", hashOnly, StringComparison.Ordinal);

        var check = WebUtility.HtmlDecode(await other.PageAsync($"/audit/check?index={index}"));
        Assert.Contains("class=\"ok\" role=\"status\" id=\"audit-verdict\"", check, StringComparison.Ordinal);
        Assert.Contains($"<code id=\"audit-leaf\">{leaf}</code>", check, StringComparison.Ordinal);
        Assert.Equal(MerkleProofs.InclusionPath(index, ProofSize(check)).Count, Regex.Count(check, "<th scope=\"row\" class=\"num\">"));

        foreach (var bad in new[] { "x", "-1", "99999999999", "1234567890123456789" })
        {
            Assert.Contains("<code>index</code>", await other.PageAsync("/audit/check?index=" + bad, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }
    }

    private async Task<Suanwang.Storage.Audit.AuditEntryRecord?> EntryOfAsync(string tenant)
    {
        var head = await Network.Store.GetAuditHeadAsync(CancellationToken.None);
        for (var i = (head?.Size ?? 0) - 1; i >= 0; i--)
        {
            if (await Network.Store.GetAuditEntryAsync(i, CancellationToken.None) is { } entry && entry.Tenant == tenant)
            {
                return entry;
            }
        }

        return null;
    }

    private static string Row(string html, long index)
    {
        var start = html.IndexOf($"<th scope=\"row\" class=\"num\">{index}</th>", StringComparison.Ordinal);
        Assert.True(start >= 0, html);
        return WebUtility.HtmlDecode(html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)]);
    }

    private static long ProofSize(string html) =>
        long.Parse(Regex.Match(html, "<dt>Entries</dt><dd>([0-9,]+)</dd>").Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
