using System.Net;
using System.Net.Http.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.Server.Tests.Market;

public sealed class StatementsApiTests : IAsyncLifetime
{
    private MarketServer _market = null!;
    private OrderView _order = null!;

    public async Task InitializeAsync()
    {
        _market = await MarketServer.StartAsync();
        (await _market.TopUpAsync("acme", "100.00")).EnsureSuccessStatusCode();
        _order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "k");
        await _market.RunJobAsync(_order.Job!.Value, 1800);
        await _market.SettleAsync();
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Fact]
    public async Task TenantStatement_ListsTheRunItsChargeAndEveryMovement()
    {
        var statement = (await _market.Acme.GetFromJsonAsync<StatementView>("/api/v1/tenants/acme/statement?month=2026-03", ProtocolJson.Options))!;

        Assert.Equal(("0.00", "90.00"), (statement.Opening, statement.Closing));
        var run = Assert.Single(statement.Usage);
        Assert.Equal((_order.Job!.Value, "cn-a", "Ascend-910B", 2, "10.00"), (run.Job, run.Site, run.Model, run.Cards, run.Charge));
        Assert.Equal(1.0, run.CardHours, 9);
        // Ascend 910B: 320 TFLOPS dense FP16, 400 W; the site's grid at 500 g/kWh.
        Assert.Equal(0.32, run.PetaflopHours, 9);
        Assert.Equal(0.4, run.Kwh, 9);
        Assert.Equal(0.2, run.KgCo2, 9);
        Assert.Equal(["topup", "reserve", "reserve", "settle", "settle"], statement.Movements.Select(m => m.Kind));
        Assert.Equal(("100.00", "10.00", 0), (statement.Totals.TopUps, statement.Totals.Charges, statement.Totals.Unsettled));
    }

    [Fact]
    public async Task ProviderStatement_ShowsChargesCommissionAndWhatItIsOwed()
    {
        var statement = (await _market.Admin.GetFromJsonAsync<StatementView>("/api/v1/providers/Jingjin Compute/statement?month=2026-03", ProtocolJson.Options))!;

        Assert.Single(statement.Usage);
        Assert.Equal(("10.00", "0.50", "9.50"), (statement.Totals.Charges, statement.Totals.Commission, statement.Totals.Net));
        Assert.Equal(("0.00", "9.50"), (statement.Opening, statement.Closing));
    }

    [Fact]
    public async Task Csv_HasAHeaderARowPerRunAndMovement_AndATotal()
    {
        var response = await _market.Acme.GetAsync("/api/v1/tenants/acme/statement?month=2026-03&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("record,job,run,tenant,site", lines[0], StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("usage,", StringComparison.Ordinal));
        Assert.Equal(5, lines.Count(l => l.StartsWith("movement,", StringComparison.Ordinal)));
        Assert.StartsWith("total,", lines[^1], StringComparison.Ordinal);
        Assert.Contains(",10.00,0.50,", lines.Single(l => l.StartsWith("usage,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_IsOnePrintablePage()
    {
        var response = await _market.Acme.GetAsync("/api/v1/tenants/acme/statement?month=2026-03&format=html");

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("Statement for tenant acme", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">10.00<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEarlierMonth_HasNoUsage()
    {
        var statement = (await _market.Acme.GetFromJsonAsync<StatementView>("/api/v1/tenants/acme/statement?month=2026-02", ProtocolJson.Options))!;

        Assert.Empty(statement.Usage);
        Assert.Empty(statement.Movements);
        Assert.Equal(("0.00", "0.00"), (statement.Opening, statement.Closing));
    }

    [Theory]
    [InlineData("format=pdf", "format")]
    [InlineData("month=March", "month")]
    [InlineData("from=2026-03-10&to=2026-03-01", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("month=2026-03&from=2026-03-01", "month")]
    public async Task BadParameters_Answer400NamingThem(string query, string field)
    {
        var response = await _market.Acme.GetAsync($"/api/v1/tenants/acme/statement?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal(field, problem!["field"].ToString());
    }

    [Fact]
    public async Task AnotherTenantsStatement_IsNotFound_AndProviderStatementsAreForAdmins()
    {
        using var other = await _market.Server.TenantAsync("other");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/tenants/acme/statement")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/providers/Jingjin Compute/statement")).StatusCode);
    }
}
