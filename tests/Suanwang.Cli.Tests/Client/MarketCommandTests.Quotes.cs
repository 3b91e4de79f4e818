namespace Suanwang.Cli.Tests.Client;

/// <summary>quote, and order --quote.</summary>
public sealed partial class MarketCommandTests
{
    [Fact]
    public async Task Quote_ThenOrderItsOption_HoldsWhatTheQuoteSaid()
    {
        var tenant = await TenantAsync();
        Assert.Equal(0, (await network.RunAsync("topup", tenant, "10")).ExitCode);
        var file = OrderFile(tenant);

        var table = await network.RunAsync("quote", file);
        var json = await network.RunAsync("quote", file, "--format", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains(LiveNetwork.SiteId, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Quote quo_", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var doc = Json(json);
        var id = doc.RootElement.GetProperty("id").GetString()!;
        var option = Assert.Single(doc.RootElement.GetProperty("options").EnumerateArray());
        Assert.Equal(LiveNetwork.SiteId, option.GetProperty("site").GetString());
        Assert.Equal("0.20", option.GetProperty("reserve").GetString());

        var order = await network.RunAsync("order", "--quote", id, "--option", "0", "--format", "json");

        Assert.Equal(0, order.ExitCode);
        using var placed = Json(order);
        Assert.Equal(id, placed.RootElement.GetProperty("quote").GetString());
        Assert.Equal("0.20", placed.RootElement.GetProperty("reserved").GetString());
    }

    [Fact]
    public async Task Order_QuoteOptionOutOfRange_ExitsTwoNamingTheFlag()
    {
        var tenant = await TenantAsync();
        using var quote = Json(await network.RunAsync("quote", OrderFile(tenant), "--format", "json"));
        var id = quote.RootElement.GetProperty("id").GetString()!;

        var run = await network.RunAsync("order", "--quote", id, "--option", "7");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --option: ", run.ErrorLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_BadSpec_ExitsTwoNamingTheFileLineAndField()
    {
        var tenant = await TenantAsync();
        var file = OrderFile(tenant);
        File.WriteAllText(file, File.ReadAllText(file).Replace("cards: 1", "cards: two", StringComparison.Ordinal));

        var run = await network.RunAsync("quote", file);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {file}:6: resources.cards: ", line, StringComparison.Ordinal);
    }
}
