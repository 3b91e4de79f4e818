using System.Net;
using System.Net.Http.Json;
using Suanwang.Portal.Tests.Support;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>The wallet's admin forms: top-ups and refunds through the REST API's rules, each form posted once however often it is sent.</summary>
public sealed class WalletTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    [Fact]
    public async Task AnAdminTopsUp_AndTheSameFormSentTwice_PostsOnce()
    {
        await Network.TenantAsync("w-twice");
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);
        var form = await admin.PageAsync("/wallet?tenant=w-twice");
        var key = PortalClient.Hidden(form, "Money.IdempotencyKey");
        KeyValuePair<string, string>[] fields = [new("Money.Amount", "25.50"), new("Money.Currency", "CNY"), new("Money.Memo", "bank transfer 42"), new("Money.IdempotencyKey", key)];

        using var first = await admin.PostAsync("/wallet?handler=TopUp&tenant=w-twice", fields, "/wallet?tenant=w-twice");
        using var second = await admin.PostAsync("/wallet?handler=TopUp&tenant=w-twice", fields, "/wallet?tenant=w-twice");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("25.50", (await Balance("w-twice")).Available);
        var wallet = await admin.PageAsync(first.Headers.Location!.OriginalString);
        Assert.Contains("id=\"wallet-done\"", wallet, StringComparison.Ordinal);
        Assert.Contains("bank transfer 42", wallet, StringComparison.Ordinal);
        Assert.Contains("CNY 25.50", wallet, StringComparison.Ordinal);

        // A new render of the form carries a new key: a second top-up is a new one.
        Assert.NotEqual(key, PortalClient.Hidden(wallet, "Money.IdempotencyKey"));
    }

    [Fact]
    public async Task AnAdminRefunds_InTheBaseCurrency()
    {
        await Network.TenantAsync("w-refund", topUp: 10);
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);
        var key = PortalClient.Hidden(await admin.PageAsync("/wallet?tenant=w-refund"), "Money.IdempotencyKey");

        using var refunded = await admin.PostAsync("/wallet?handler=Refund&tenant=w-refund", [new("Money.Amount", "3"), new("Money.IdempotencyKey", key)], "/wallet?tenant=w-refund");

        Assert.Equal(HttpStatusCode.Redirect, refunded.StatusCode);
        Assert.Equal("13.00", (await Balance("w-refund")).Available);
    }

    [Theory]
    [InlineData("-5", "CNY", "amount", "has a sign")]
    [InlineData("0", "CNY", "amount", "above zero")]
    [InlineData("1.234", "CNY", "amount", "")]
    [InlineData("1e5", "CNY", "amount", "")]
    [InlineData("", "CNY", "amount", "required")]
    [InlineData("5", "XYZ", "currency", "not a currency this server takes")]
    [InlineData("99999999999999999999999999999999999", "CNY", "amount", "longer than 32")]
    public async Task ABadAmount_Is400_WithTheApisMessage_AndWritesNothing(string amount, string currency, string field, string says)
    {
        var tenant = "w-bad-" + Math.Abs((amount + currency).GetHashCode(StringComparison.Ordinal));
        await Network.TenantAsync(tenant);
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);
        var key = PortalClient.Hidden(await admin.PageAsync($"/wallet?tenant={tenant}"), "Money.IdempotencyKey");

        using var response = await admin.PostAsync($"/wallet?handler=TopUp&tenant={tenant}", [new("Money.Amount", amount), new("Money.Currency", currency), new("Money.IdempotencyKey", key)], $"/wallet?tenant={tenant}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<code>{field}</code>:", html, StringComparison.Ordinal);
        Assert.Contains(says, html, StringComparison.Ordinal);
        Assert.Equal("0.00", (await Balance(tenant)).Available);
    }

    [Fact]
    public async Task TheFormsRefusals_AreTheRestApis()
    {
        await Network.TenantAsync("w-same");
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);
        var key = PortalClient.Hidden(await admin.PageAsync("/wallet?tenant=w-same"), "Money.IdempotencyKey");

        using var page = await admin.PostAsync("/wallet?handler=TopUp&tenant=w-same", [new("Money.Amount", "1.234"), new("Money.Currency", "CNY"), new("Money.IdempotencyKey", key)], "/wallet?tenant=w-same");
        using var api = await Network.Admin.PostAsJsonAsync("/api/v1/tenants/w-same/topups", new NewTopUp("1.234", "CNY"), ProtocolJson.Options);
        using var problem = System.Text.Json.JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains(detail, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenant_CannotTopItselfUp_AndSeesNoForm()
    {
        var key = await Network.TenantAsync("w-self");
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);

        var wallet = await portal.PageAsync("/wallet");
        using var response = await portal.PostAsync("/wallet?handler=TopUp", [new("Money.Amount", "1000"), new("Money.Currency", "CNY"), new("Money.IdempotencyKey", "portal-x")], "/wallet");

        Assert.DoesNotContain("topup-form", wallet, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("0.00", (await Balance("w-self")).Available);
    }

    [Fact]
    public async Task WithoutTheAntiforgeryToken_NothingIsPosted()
    {
        await Network.TenantAsync("w-forged");
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);

        using var response = await admin.PostAsync("/wallet?handler=TopUp&tenant=w-forged", [new("Money.Amount", "5"), new("Money.Currency", "CNY"), new("Money.IdempotencyKey", "portal-forged")], null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("0.00", (await Balance("w-forged")).Available);
    }

    private async Task<BalanceView> Balance(string tenant) =>
        (await Network.Admin.GetFromJsonAsync<BalanceView>($"/api/v1/tenants/{tenant}/balance", ProtocolJson.Options))!;
}
