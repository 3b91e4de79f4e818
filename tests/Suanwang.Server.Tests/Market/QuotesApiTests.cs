using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Market;

public sealed class QuotesApiTests : IAsyncLifetime
{
    private MarketServer _market = null!;

    public async Task InitializeAsync()
    {
        _market = await MarketServer.StartAsync(nodes: 1);
        (await _market.TopUpAsync("acme", "500.00")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    private static StringContent Yaml(string spec) => new(spec, Encoding.UTF8, "application/yaml");

    private async Task<QuoteView> QuoteOkAsync(string spec)
    {
        var response = await _market.Acme.PostAsync("/api/v1/quotes", Yaml(spec));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<QuoteView>(ProtocolJson.Options))!;
    }

    [Fact]
    public async Task Quote_GivesPriceStartFinishAndCo2_AndWhatAnOrderWouldHold()
    {
        var quote = await QuoteOkAsync(MarketServer.Job());

        Assert.StartsWith("quo_", quote.Id, StringComparison.Ordinal);
        Assert.Equal(_market.Server.Time.GetUtcNow().AddMinutes(5), quote.ExpiresAt);
        var option = Assert.Single(quote.Options);
        Assert.Equal(("cn-a", 0, "Ascend-910B", 2), (option.Site, option.Pool, option.Model, option.Cards));
        // 1 h estimated on 2 cards at 10 CNY; an order holds the 2 h time limit.
        Assert.Equal(("20.00", "40.00"), (option.Price, option.Reserve));
        Assert.Equal(("10.00", "CNY"), (option.PricePerCardHour, option.PriceCurrency));
        Assert.Equal(quote.CreatedAt, option.ExpectedStart);
        Assert.Equal(quote.CreatedAt.AddHours(1), option.ExpectedFinish);
        Assert.True(option.KgCo2 > 0);
    }

    [Fact]
    public async Task Quote_OnAFullSite_ExpectsTheStartWhenRunningWorkEnds()
    {
        var filler = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(cards: 8, name: "filler"), "filler");
        var placed = await _market.Server.WaitForJobAsync(filler.Job!.Value, j => j.State == JobState.Placed);
        await _market.Server.ReportAsync("cn-a", _market.Epoch, new RunReport(placed.Id, placed.Fence, ReportKind.Started, _market.Server.Time.GetUtcNow()));
        await _market.Server.WaitForJobAsync(placed.Id, j => j.State == JobState.Running);

        var quote = await QuoteOkAsync(MarketServer.Job());

        var option = Assert.Single(quote.Options);
        Assert.True(option.ExpectedStart > quote.CreatedAt, $"expected a later start than {quote.CreatedAt}, got {option.ExpectedStart}");
        Assert.Equal(option.ExpectedStart.AddHours(1), option.ExpectedFinish);
    }

    [Fact]
    public async Task Order_OfAQuote_HoldsItsReserve_AndPinsTheJobToItsSite()
    {
        var quote = await QuoteOkAsync(MarketServer.Job());

        var order = await MarketServer.OrderOkAsync(_market.Acme, $"{{\"quote\": \"{quote.Id}\"}}", "from-quote", "application/json");

        Assert.Equal(("40.00", quote.Id), (order.Reserved, order.Quote));
        var job = await _market.Server.Store.GetJobAsync(order.Job!.Value, CancellationToken.None);
        Assert.Equal("cn-a", job!.PinnedSite);
        Assert.Equal("460.00", (await _market.BalanceAsync()).Available);
    }

    [Fact]
    public async Task Order_OfAnExpiredQuote_Answers410_AndPostsNothing()
    {
        var quote = await QuoteOkAsync(MarketServer.Job());
        _market.Server.Time.Advance(TimeSpan.FromMinutes(6));

        var response = await MarketServer.OrderAsync(_market.Acme, $"{{\"quote\": \"{quote.Id}\"}}", "late", "application/json");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("quote", problem!["field"].ToString());
        Assert.Equal(1, (await _market.VerifyAsync()).Postings);
    }

    [Fact]
    public async Task Order_OfSomeoneElsesQuote_IsNotFound()
    {
        var quote = await QuoteOkAsync(MarketServer.Job());
        using var other = await _market.Server.TenantAsync("other");

        var response = await MarketServer.OrderAsync(other, $"{{\"quote\": \"{quote.Id}\"}}", "k", "application/json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/quotes/{quote.Id}")).StatusCode);
    }

    [Fact]
    public async Task Order_OfAnOptionTheQuoteDoesNotHave_Answers400()
    {
        var quote = await QuoteOkAsync(MarketServer.Job());

        var response = await MarketServer.OrderAsync(_market.Acme, $"{{\"quote\": \"{quote.Id}\", \"option\": 3}}", "k", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("option", problem!["field"].ToString());
    }

    [Fact]
    public async Task Quote_OfAnInvalidSpec_Answers400NamingTheField()
    {
        var response = await _market.Acme.PostAsync("/api/v1/quotes", Yaml(MarketServer.Job().Replace("Ascend-910B", "Nope-9000", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.StartsWith("resources.accelerators", problem!["field"].ToString(), StringComparison.Ordinal);
    }
}
