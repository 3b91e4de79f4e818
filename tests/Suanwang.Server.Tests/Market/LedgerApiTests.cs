using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.Server.Tests.Market;

public sealed class LedgerApiTests : IAsyncLifetime
{
    private MarketServer _market = null!;

    public async Task InitializeAsync() => _market = await MarketServer.StartAsync();

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Fact]
    public async Task TopUp_CreditsTheWallet_AndTheBalanceShowsIt()
    {
        var response = await _market.TopUpAsync("acme", "100.00");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<TopUpResult>(ProtocolJson.Options);
        Assert.Equal("100.00", result!.Credited);
        var balance = await _market.BalanceAsync();
        Assert.Equal(("100.00", "0.00", "CNY"), (balance.Available, balance.Reserved, balance.Currency));
        var own = await _market.Acme.GetFromJsonAsync<BalanceView>("/api/v1/tenants/acme/balance", ProtocolJson.Options);
        Assert.Equal("100.00", own!.Available);
    }

    [Fact]
    public async Task TopUp_InAnotherCurrency_IsConvertedAtThePublishedRate()
    {
        var response = await _market.TopUpAsync("acme", "10.00", "USD");

        var result = await response.Content.ReadFromJsonAsync<TopUpResult>(ProtocolJson.Options);
        Assert.Equal("71.00", result!.Credited);
        Assert.Equal("71.00", (await _market.BalanceAsync()).Available);
        var check = await _market.VerifyAsync();
        Assert.True(check.Balanced, string.Join("; ", check.Problems));
    }

    [Fact]
    public async Task TopUp_ReplayedWithTheSameKey_PostsOnce()
    {
        var first = await _market.TopUpAsync("acme", "50.00", key: "topup-1");
        var second = await _market.TopUpAsync("acme", "50.00", key: "topup-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<TopUpResult>(ProtocolJson.Options);
        var b = await second.Content.ReadFromJsonAsync<TopUpResult>(ProtocolJson.Options);
        Assert.Equal(a!.Posting, b!.Posting);
        Assert.Equal("50.00", (await _market.BalanceAsync()).Available);
        Assert.Equal(1, (await _market.VerifyAsync()).Postings);
    }

    [Theory]
    [InlineData("{\"amount\": \"-5.00\", \"currency\": \"CNY\"}", "amount")]
    [InlineData("{\"amount\": \"0\", \"currency\": \"CNY\"}", "amount")]
    [InlineData("{\"amount\": \"1.001\", \"currency\": \"CNY\"}", "amount")]
    [InlineData("{\"amount\": \"ten\", \"currency\": \"CNY\"}", "amount")]
    [InlineData("{\"amount\": \"10.00\", \"currency\": \"XYZ\"}", "currency")]
    [InlineData("{\"amount\": \"10.00\", \"currency\": \"cny\"}", "currency")]
    [InlineData("{\"amount\": \"10.00\"}", "currency")]
    [InlineData("{\"amount\": 10, \"currency\": \"CNY\"}", "amount")]
    public async Task TopUp_WithBadInput_Answers400NamingTheField_AndPostsNothing(string body, string field)
    {
        var response = await _market.Admin.PostAsync("/api/v1/tenants/acme/topups", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal(field, problem!["field"].ToString());
        Assert.Equal(0, (await _market.VerifyAsync()).Postings);
    }

    [Fact]
    public async Task TopUp_ByATenantKey_IsForbidden_AndForAnUnknownTenantIsNotFound()
    {
        var byTenant = await _market.Acme.PostAsJsonAsync("/api/v1/tenants/acme/topups", new NewTopUp("10.00", "CNY"), ProtocolJson.Options);
        var unknown = await _market.TopUpAsync("nobody", "10.00");

        Assert.Equal(HttpStatusCode.Forbidden, byTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, (await _market.VerifyAsync()).Postings);
    }

    [Fact]
    public async Task Balance_OfAnotherTenant_IsNotFound()
    {
        using var other = await _market.Server.TenantAsync("other");

        var response = await other.GetAsync("/api/v1/tenants/acme/balance");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Verify_IsForAdminsOnly()
    {
        var response = await _market.Acme.GetAsync("/api/v1/ledger/verify");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Refund_ComesOutOfRevenue_AndPayoutNeverExceedsWhatIsOwed()
    {
        var payout = await _market.Admin.PostAsJsonAsync("/api/v1/providers/Jingjin Compute/payouts", new NewTopUp("1.00", "CNY"), ProtocolJson.Options);
        var refund = await _market.Admin.PostAsJsonAsync("/api/v1/tenants/acme/refunds", new NewTopUp("3.00", "CNY"), ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, payout.StatusCode);
        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);
        Assert.Equal("3.00", (await _market.BalanceAsync()).Available);
        var check = await _market.VerifyAsync();
        Assert.True(check.Balanced);
        Assert.Equal(1, check.Postings);
    }
}
