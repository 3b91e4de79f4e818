using System.Text.Json;
using Suanwang.Testing;

namespace Suanwang.Cli.Tests.Client;

/// <summary>The market and ledger commands against a real server and agent; each test uses its own tenant.</summary>
public sealed partial class MarketCommandTests(LiveNetwork network) : IClassFixture<LiveNetwork>
{
    private static JsonDocument Json(CliRun run) => JsonDocument.Parse(run.Stdout);

    /// <summary>A new tenant, balance zero.</summary>
    private async Task<string> TenantAsync()
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];
        await network.CreateTenantAsync(id);
        return id;
    }

    /// <summary>A one-slot job for <paramref name="tenant"/>: the site's 0.10 CNY per card-hour for at most 2 h, so an order holds 0.20 CNY.</summary>
    private string OrderFile(string tenant, string run = "echo ordered")
    {
        var path = Path.Combine(network.Folder, $"{tenant}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            name: ordered
            tenant: {tenant}
            run: {run}
            resources:
              accelerators: [CPU-core]
              cards: 1
            estimated_runtime: 5m
            time_limit: 2h
            """);
        return path;
    }

    [Fact]
    public async Task Offers_FilteredByModel_ListTheSitesPoolAsJson()
    {
        var run = await network.RunAsync("offers", "--model", "CPU-core", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        using var doc = Json(run);
        var offer = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(LiveNetwork.SiteId, offer.GetProperty("site").GetString());
        Assert.Equal("Test Compute", offer.GetProperty("owner").GetString());
        Assert.Equal("CN", offer.GetProperty("jurisdiction").GetString());
        Assert.Equal(2, offer.GetProperty("cards").GetInt32());
        Assert.Equal("0.10", offer.GetProperty("price_per_card_hour").GetString());
        Assert.Equal("CNY", offer.GetProperty("base_currency").GetString());
    }

    [Fact]
    public async Task Offers_NoneMatch_JsonIsEmptyAndTableSaysSo()
    {
        var json = await network.RunAsync("offers", "--jurisdiction", "US", "--format", "json");
        var table = await network.RunAsync("offers", "--max-carbon", "100");

        Assert.Equal(0, json.ExitCode);
        Assert.Equal("[]", json.Stdout.Trim());
        Assert.Equal(0, table.ExitCode);
        Assert.Equal("", table.Stdout);
        Assert.Equal(["no offers match"], table.ErrorLines);
    }

    [Fact]
    public async Task Offers_Table_ShowsPricesInBothCurrenciesAndCarbon()
    {
        var run = await network.RunAsync("offers", "--tier", "edge", "--sort", "carbon", "--desc");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("price/P·h (CNY)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(LiveNetwork.SiteId, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("0.10 CNY", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("500", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--min-memory", "lots")]
    [InlineData("--max-price", "1e3")]
    [InlineData("--tier", "cloud")]
    [InlineData("--sort", "cheapest")]
    public async Task Offers_BadFlagValue_ExitsTwoNamingTheFlag(string flag, string value)
    {
        var run = await network.RunAsync("offers", flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {flag}: Invalid offer query: '{value}' ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopUp_ThenBalance_ShowsTheMoneyOnce_EvenWhenRetriedWithTheSameKey()
    {
        var tenant = await TenantAsync();

        var first = await network.RunAsync("topup", tenant, "100.00", "--memo", "first payment", "--key", "pay-1");
        var retry = await network.RunAsync("topup", tenant, "100.00", "--memo", "first payment", "--key", "pay-1");
        var balance = await network.RunAsync("balance", "--tenant", tenant, "--format", "json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal($"Credited 100.00 CNY to {tenant}; now 100.00 CNY available, 0.00 CNY reserved\n", first.Stdout);
        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(0, balance.ExitCode);
        using var doc = Json(balance);
        Assert.Equal("100.00", doc.RootElement.GetProperty("available").GetString());
        Assert.Equal("0.00", doc.RootElement.GetProperty("reserved").GetString());
        Assert.Equal("CNY", doc.RootElement.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task TopUp_WithoutKey_PrintsTheKeyItMadeToRetryWith()
    {
        var tenant = await TenantAsync();

        var run = await network.RunAsync("topup", tenant, "5", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var note = Assert.Single(run.ErrorLines);
        Assert.Matches("^idempotency key (cli-[0-9a-f]{32}): .* --key cli-[0-9a-f]{32}$", note);
        using var doc = Json(run);
        Assert.Equal("5.00", doc.RootElement.GetProperty("credited").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("1,50")]
    public async Task TopUp_BadAmount_ExitsTwoNamingIt(string amount)
    {
        var run = await network.RunAsync("topup", "admin", amount);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"error: AMOUNT: '{amount}' is not a decimal amount above zero, such as 100.00"], run.ErrorLines);
    }

    [Fact]
    public async Task TopUp_UnknownCurrency_ExitsTwoNamingTheFlag()
    {
        var run = await network.RunAsync("topup", "admin", "10", "--currency", "XYZ", "--key", "k-xyz");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: --currency: Invalid request: 'XYZ' is not a currency this server takes", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_WithoutTenant_ExitsTwoNamingTheFlag()
    {
        var run = await network.RunAsync("balance");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: --tenant: name the tenant", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_BalanceTooLow_ExitsFourSayingWhatIsAvailableAndWhatItHolds()
    {
        var tenant = await TenantAsync();

        var run = await network.RunAsync("order", OrderFile(tenant));

        Assert.Equal(4, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("error: balance too low: available 0.00, this order holds 0.20 CNY", run.ErrorLines[^1]);
        var orders = await network.RunAsync("orders", "--tenant", tenant, "--format", "json");
        Assert.Equal("[]", orders.Stdout.Trim());
    }

    [Fact]
    public async Task OrderBlock_ChargesTheBlockAtOnce_AndARetryWithTheKeyReturnsTheSameOrder()
    {
        var tenant = await TenantAsync();
        Assert.Equal(0, (await network.RunAsync("topup", tenant, "10")).ExitCode);
        // Far ahead, so the block holds no card while the class's other tests run jobs.
        var start = DateTimeOffset.UtcNow.AddDays(80).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        string[] args = ["order", "--block", $"{LiveNetwork.SiteId}:0:0", "--start", start, "--tenant", tenant, "--key", "block-1"];

        var run = await network.RunAsync([.. args, "--format", "json"]);
        var retry = await network.RunAsync(args);

        Assert.Equal(0, run.ExitCode);
        using var doc = Json(run);
        var id = doc.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(
            ("block", "settled", "0.05", tenant),
            (doc.RootElement.GetProperty("kind").GetString(), doc.RootElement.GetProperty("state").GetString(),
             doc.RootElement.GetProperty("charged").GetString(), doc.RootElement.GetProperty("tenant").GetString()));
        Assert.Equal(0, retry.ExitCode);
        Assert.Equal($"Order {id}: reserved block {LiveNetwork.SiteId}:0:0, charged 0.05 CNY (settled)", retry.Stdout.Trim());
        Assert.Contains("nothing new was ordered", retry.Stderr, StringComparison.Ordinal);
        var bad = await network.RunAsync("order", "--block", $"{LiveNetwork.SiteId}:0:7", "--tenant", tenant);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("--block", bad.ErrorLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_AfterTopUp_RunsTheJob_RetryReturnsTheSameOrder_AndItSettles()
    {
        var tenant = await TenantAsync();
        Assert.Equal(0, (await network.RunAsync("topup", tenant, "10")).ExitCode);
        var file = OrderFile(tenant);

        var run = await network.RunAsync("order", file, "--key", "order-1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = Json(run);
        var id = doc.RootElement.GetProperty("id").GetString()!;
        var job = doc.RootElement.GetProperty("job").GetInt64();
        Assert.Equal(tenant, doc.RootElement.GetProperty("tenant").GetString());
        Assert.Equal("0.20", doc.RootElement.GetProperty("reserved").GetString());
        Assert.Equal("open", doc.RootElement.GetProperty("state").GetString());
        await network.WaitForAsync(job, "succeeded");

        var retry = await network.RunAsync("order", file, "--key", "order-1");
        Assert.Equal(0, retry.ExitCode);
        Assert.StartsWith($"Order {id}: job {job}, reserved 0.20 CNY (", retry.Stdout, StringComparison.Ordinal);
        Assert.Contains("nothing new was ordered", retry.Stderr, StringComparison.Ordinal);

        await Eventually.TrueAsync(async () => Json(await network.RunAsync("orders", "show", id, "--format", "json")).RootElement.GetProperty("state").GetString() == "settled", $"order {id} is settled");
        var list = await network.RunAsync("orders", "--tenant", tenant, "--format", "json");
        using var orders = Json(list);
        var order = Assert.Single(orders.RootElement.EnumerateArray());
        Assert.Equal(id, order.GetProperty("id").GetString());
        Assert.NotNull(order.GetProperty("charged").GetString());

        var show = await network.RunAsync("orders", "show", id);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("settled", show.Stdout, StringComparison.Ordinal);

        var verify = await network.RunAsync("ledger", "verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("The ledger balances: ", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_KeyReusedForAnotherFile_ExitsTwoNamingTheKeyFlag()
    {
        var tenant = await TenantAsync();
        Assert.Equal(0, (await network.RunAsync("topup", tenant, "10")).ExitCode);
        Assert.Equal(0, (await network.RunAsync("order", OrderFile(tenant, "echo one"), "--key", "same")).ExitCode);

        var run = await network.RunAsync("order", OrderFile(tenant, "echo two"), "--key", "same");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: --key: Idempotency-Key reused: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_FileAndQuoteOrNeither_ExitTwoBeforeAskingTheServer()
    {
        var both = await CliRun.RunAsync("order", "job.yaml", "--quote", "quo_1", "--server", "http://127.0.0.1:1", "--api-key", "k");
        var neither = await CliRun.RunAsync("order", "--server", "http://127.0.0.1:1", "--api-key", "k");
        var option = await CliRun.RunAsync("order", "--quote", "quo_1", "--option", "first", "--server", "http://127.0.0.1:1", "--api-key", "k");

        Assert.Equal(2, both.ExitCode);
        Assert.Equal(["error: --quote: give a job FILE or --quote, not both"], both.ErrorLines);
        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(["error: order: give a job FILE to order, --quote ID from 'suanwang quote', or --block SITE:POOL:INDEX from 'suanwang offers'"], neither.ErrorLines);
        Assert.Equal(2, option.ExitCode);
        Assert.Equal("error: --option: 'first' is not a whole number of 0 or more", option.ErrorLines[0]);
    }

    [Fact]
    public async Task Statement_CsvToFile_HoldsTheTopUpMovement()
    {
        var tenant = await TenantAsync();
        Assert.Equal(0, (await network.RunAsync("topup", tenant, "25.50", "--memo", "statement test")).ExitCode);
        var file = Path.Combine(network.Folder, $"{tenant}.csv");

        var run = await network.RunAsync("statement", "--tenant", tenant, "--format", "csv", "--out", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal([$"wrote the statement to {file}"], run.ErrorLines);
        var lines = File.ReadAllLines(file);
        Assert.StartsWith("record,job,run,tenant,", lines[0], StringComparison.Ordinal);
        var movement = Assert.Single(lines, l => l.StartsWith("movement,", StringComparison.Ordinal));
        Assert.Contains(",topup,", movement, StringComparison.Ordinal);
        Assert.Contains("statement test", movement, StringComparison.Ordinal);
        Assert.Contains(",25.50,CNY", movement, StringComparison.Ordinal);
        Assert.StartsWith("total,", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statement_OutWithoutFormat_TakesItFromTheExtension_AndTableShowsTotals()
    {
        var tenant = await TenantAsync();
        Assert.Equal(0, (await network.RunAsync("topup", tenant, "7")).ExitCode);
        var file = Path.Combine(network.Folder, $"{tenant}.html");

        var html = await network.RunAsync("statement", "--tenant", tenant, "--out", file);
        var table = await network.RunAsync("statement", "--tenant", tenant, "--month", DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, html.ExitCode);
        Assert.Contains("<html", File.ReadAllText(file), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"tenant {tenant}", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("7.00 CNY", table.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--month", "2026-13", "error: --month: '2026-13' is not a month such as 2026-11")]
    [InlineData("--from", "yesterday", "error: --from: Invalid request: 'yesterday' is not an ISO 8601 date or time")]
    [InlineData("--format", "pdf", "error: --format: 'pdf' is not one of table, json, csv, html")]
    [InlineData("--out", "statement.txt", "error: --out: cannot tell the format from 'statement.txt'")]
    public async Task Statement_BadFlagValue_ExitsTwoNamingTheFlag(string flag, string value, string error)
    {
        var run = await network.RunAsync("statement", "--tenant", "admin", flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith(error, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_LimitOutOfRange_ExitsTwoNamingTheFlag()
    {
        var run = await network.RunAsync("orders", "--limit", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --limit: '0' is not a whole number from 1 to 1000", run.ErrorLines[0]);
    }

    [Fact]
    public async Task LedgerVerify_Json_ReportsBalanced()
    {
        var run = await network.RunAsync("ledger", "verify", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = Json(run);
        Assert.True(doc.RootElement.GetProperty("balanced").GetBoolean());
    }
}
