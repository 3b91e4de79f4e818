using System.Net;
using System.Net.Http.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Market;

public sealed class OrdersApiTests : IAsyncLifetime
{
    private MarketServer _market = null!;

    public async Task InitializeAsync()
    {
        _market = await MarketServer.StartAsync();
        (await _market.TopUpAsync("acme", "100.00")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Fact]
    public async Task Order_Answers201WithIdJobAndReserved_AndHoldsTheMostTheJobCanCost()
    {
        // 2 cards x 10 CNY x 2 h time limit.
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "order-1");

        Assert.StartsWith("ord_", order.Id, StringComparison.Ordinal);
        Assert.NotNull(order.Job);
        Assert.Equal(("40.00", "open", "job"), (order.Reserved, order.State, order.Kind));
        var balance = await _market.BalanceAsync();
        Assert.Equal(("60.00", "40.00"), (balance.Available, balance.Reserved));
        var job = await _market.Server.Store.GetJobAsync(order.Job!.Value, CancellationToken.None);
        Assert.Equal("acme", job!.Tenant);
    }

    [Fact]
    public async Task Order_CappedByItsBudget_HoldsTheBudget()
    {
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(budget: "{ amount: 25.50, currency: CNY }"), "order-1");

        Assert.Equal("25.50", order.Reserved);
    }

    [Fact]
    public async Task Order_TheBalanceCannotCover_Answers402_AndChangesNothing()
    {
        var response = await MarketServer.OrderAsync(_market.Acme, MarketServer.Job(cards: 8, timeLimit: "10h"), "order-big");

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("800.00", problem!["required"].ToString());
        Assert.Equal("100.00", problem["available"].ToString());
        Assert.Equal(("100.00", "0.00"), ((await _market.BalanceAsync()).Available, (await _market.BalanceAsync()).Reserved));
        Assert.Empty(await _market.Server.Store.ListJobsAsync(new JobQuery(null, null, null, null, 10), CancellationToken.None));
        Assert.Equal(1, (await _market.VerifyAsync()).Postings);
    }

    [Fact]
    public async Task Order_ReplayedWithTheSameKey_ReturnsTheFirstOrder_AndPostsNothing()
    {
        var first = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "same-key");
        var postings = (await _market.VerifyAsync()).Postings;

        var again = await MarketServer.OrderAsync(_market.Acme, MarketServer.Job(), "same-key");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var replayed = await again.Content.ReadFromJsonAsync<OrderView>(ProtocolJson.Options);
        Assert.Equal((first.Id, first.Job, first.Reserved), (replayed!.Id, replayed.Job, replayed.Reserved));
        Assert.Equal(postings, (await _market.VerifyAsync()).Postings);
        Assert.Single(await _market.Server.Store.ListJobsAsync(new JobQuery(null, null, null, null, 10), CancellationToken.None));
        Assert.Equal("60.00", (await _market.BalanceAsync()).Available);
    }

    [Fact]
    public async Task Order_SameKeyWithADifferentRequest_Answers422()
    {
        await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "same-key");

        var response = await MarketServer.OrderAsync(_market.Acme, MarketServer.Job(cards: 4), "same-key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("Idempotency-Key", problem!["field"].ToString());
        Assert.Equal("60.00", (await _market.BalanceAsync()).Available);
    }

    [Fact]
    public async Task Order_WithoutAKey_Answers400NamingTheHeader()
    {
        var response = await MarketServer.OrderAsync(_market.Acme, MarketServer.Job(), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("Idempotency-Key", problem!["field"].ToString());
        Assert.Equal(1, (await _market.VerifyAsync()).Postings);
    }

    [Fact]
    public async Task Order_WithNeitherTimeLimitNorBudget_Answers400()
    {
        var spec = MarketServer.Job().Replace("time_limit: 2h\n", "", StringComparison.Ordinal);

        var response = await MarketServer.OrderAsync(_market.Acme, spec, "k");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("time_limit", problem!["field"].ToString());
    }

    [Fact]
    public async Task Order_WithAnInvalidSpec_Answers400NamingFieldAndLine()
    {
        var response = await MarketServer.OrderAsync(_market.Acme, MarketServer.Job().Replace("cards: 2", "cards: -2", StringComparison.Ordinal), "k");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("resources.cards", problem!["field"].ToString());
        Assert.True(problem.ContainsKey("line"));
        Assert.Equal(1, (await _market.VerifyAsync()).Postings);
    }

    [Fact]
    public async Task Order_ForAnotherTenant_IsForbidden()
    {
        var response = await MarketServer.OrderAsync(_market.Acme, MarketServer.Job(tenant: "other"), "k");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SomeoneElsesOrder_IsNotFound()
    {
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "k");
        using var other = await _market.Server.TenantAsync("other");

        var response = await other.GetAsync($"/api/v1/orders/{order.Id}");
        var mine = await _market.Acme.GetFromJsonAsync<OrderView>($"/api/v1/orders/{order.Id}", ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(order.Id, mine!.Id);
    }

    [Fact]
    public async Task EndedJob_IsSettledFromMeteredUsage_AndTheRestIsReleased()
    {
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "k");

        // 2 cards for 30 minutes: 1 card-hour at 10 CNY; 5 % commission.
        await _market.RunJobAsync(order.Job!.Value, 1800);
        await _market.SettleAsync();

        var settled = await _market.Acme.GetFromJsonAsync<OrderView>($"/api/v1/orders/{order.Id}", ProtocolJson.Options);
        Assert.Equal(("settled", "10.00"), (settled!.State, settled.Charged));
        var balance = await _market.BalanceAsync();
        Assert.Equal(("90.00", "0.00"), (balance.Available, balance.Reserved));
        var check = await _market.VerifyAsync();
        Assert.True(check.Balanced, string.Join("; ", check.Problems));
        var usage = await _market.Server.Store.ListUsageAsync(order.Job.Value, CancellationToken.None);
        var run = Assert.Single(usage);
        Assert.Equal(1000, run.Charge);
        Assert.Equal(50, run.Commission);
    }

    [Fact]
    public async Task SpotJob_PaysTheSpotPrice()
    {
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(spot: true), "k");

        Assert.Equal("16.00", order.Reserved);
        await _market.RunJobAsync(order.Job!.Value, 1800);
        await _market.SettleAsync();

        var settled = await _market.Acme.GetFromJsonAsync<OrderView>($"/api/v1/orders/{order.Id}", ProtocolJson.Options);
        Assert.Equal("4.00", settled!.Charged);
        Assert.Equal("96.00", (await _market.BalanceAsync()).Available);
    }

    [Fact]
    public async Task CancelledBeforeItRan_ReleasesTheWholeHold()
    {
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "k");
        var cancel = await _market.Acme.PostAsync($"/api/v1/jobs/{order.Job}/cancel", null);
        cancel.EnsureSuccessStatusCode();

        // Placed by then or not, it never ran: no site reports a run when the wait is over.
        var settled = await _market.SettledAfterTheStopReportWaitAsync(order.Id);

        Assert.Equal(("settled", "0.00"), (settled.State, settled.Charged));
        Assert.Equal(("100.00", "0.00"), ((await _market.BalanceAsync()).Available, (await _market.BalanceAsync()).Reserved));
    }
}
