using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Core.Market;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.Server.Tests.Gateway;

public sealed class GatewayBillingTests : IAsyncLifetime
{
    private GatewayServer _gateway = null!;
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayServer.StartAsync();
        _upstream = await FakeUpstream.StartAsync();
        await _gateway.AddSiteAsync("cn-a", "CN", _upstream);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Balance_MovesByExactlyUsageTimesPrices_CarryingWhatIsBelowAFen()
    {
        var key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "10.00");
        var client = _gateway.Gateway(key);

        // Three requests of 10 + 5 tokens: 0.025 CNY each, 0.075 in all: 7 fen posted, half a fen carried.
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()))).EnsureSuccessStatusCode();
        }

        await _gateway.BillAsync();

        Assert.Equal(1000 - 7, await _gateway.WalletAsync("acme"));
        Assert.Equal(5_000_000, await _gateway.CarryAsync("acme"));
        Assert.Equal(3 * 25_000_000L, (await _gateway.UsageAsync("acme")).Sum(u => u.CostNanos));
        // The owner is paid per token like card-hours, less the 5% commission (floor of 0.35 fen: none).
        Assert.Equal(7, (await _gateway.Server.Store.GetBalanceAsync(Accounts.Payable("owner-of-cn-a"), "CNY", CancellationToken.None)).Balance);

        // A fourth request makes the carry a whole fen and more: 3 fen go out, nothing is left over.
        (await client.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()))).EnsureSuccessStatusCode();
        await _gateway.BillAsync();

        Assert.Equal(1000 - 10, await _gateway.WalletAsync("acme"));
        Assert.Equal(0, await _gateway.CarryAsync("acme"));
        Assert.True((await _gateway.Server.Store.VerifyLedgerAsync(CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task Statements_ShowTokenUsagePerModel_WithTheExactCost()
    {
        var key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "10.00");
        var client = _gateway.Gateway(key);
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()))).EnsureSuccessStatusCode();
        }

        await _gateway.BillAsync();
        // The period around the requests, on the server's clock.
        var now = (await _gateway.UsageAsync("acme"))[0].At;
        var period = $"from={Uri.EscapeDataString(now.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddDays(1).ToString("O"))}";

        // Three requests of 10 prompt + 5 completion tokens at 1,000/3,000 CNY per million: 0.025 CNY each.
        var expected = new TokenUsageView("fake", "cn-a", 3, 30, 0, 15, "0.075000000");
        var tenant = (await _gateway.Admin.GetFromJsonAsync<StatementView>($"/api/v1/tenants/acme/statement?{period}", ProtocolJson.Options))!;
        Assert.Equal([expected], tenant.Tokens!);
        var provider = (await _gateway.Admin.GetFromJsonAsync<StatementView>($"/api/v1/providers/owner-of-cn-a/statement?{period}", ProtocolJson.Options))!;
        Assert.Equal([expected], provider.Tokens!);
        Assert.Empty((await _gateway.Admin.GetFromJsonAsync<StatementView>($"/api/v1/providers/someone-else/statement?{period}", ProtocolJson.Options))!.Tokens!);

        var csv = await _gateway.Admin.GetStringAsync($"/api/v1/tenants/acme/statement?{period}&format=csv");
        Assert.Contains("tokens,,,acme,cn-a,fake,", csv, StringComparison.Ordinal);
        Assert.EndsWith(",CNY,3,30,0,15,0.075000000", csv.Split("\r\n").Single(l => l.StartsWith("tokens,", StringComparison.Ordinal)), StringComparison.Ordinal);
        var html = await _gateway.Admin.GetStringAsync($"/api/v1/tenants/acme/statement?{period}&format=html");
        Assert.Contains("<h2>Tokens</h2>", html, StringComparison.Ordinal);
        Assert.Contains("0.075000000", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BalanceTooLow_Gets402InOpenAiFormat_AndSendsNothingUpstream()
    {
        var key = await _gateway.KeyAsync("poor");
        await _gateway.TopUpAsync("poor", "0.01");

        var response = await _gateway.Gateway(key).PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()));

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Contains("insufficient_quota", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _upstream.Requests);
    }

    [Fact]
    public async Task ThousandConcurrentRequests_AgainstABalanceForAboutThreeHundred_NeverOverspendAndChargeExactlyTheUsage()
    {
        var key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "7.50");
        var client = _gateway.Gateway(key);

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => client.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()))));
        await _gateway.BillAsync();

        var served = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1000, served + answers.Count(a => a.StatusCode == HttpStatusCode.PaymentRequired));
        Assert.InRange(served, 1, 300);
        var usage = await _gateway.UsageAsync("acme");
        Assert.Equal(served, usage.Count);
        var exact = usage.Sum(u => u.CostNanos);
        var posted = 750 - await _gateway.WalletAsync("acme");
        // Every nano charged is either posted or carried, and the carry is below one fen: no debt.
        Assert.Equal(exact, (posted * 10_000_000) + await _gateway.CarryAsync("acme"));
        Assert.InRange(await _gateway.CarryAsync("acme"), 0, 9_999_999);
        Assert.True((await _gateway.Server.Store.VerifyLedgerAsync(CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task ClientThatDisconnectsMidStream_PaysForTheTokensItReceived()
    {
        var key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "10.00");
        using var gate = new SemaphoreSlim(0);
        _upstream.Gate = gate;
        var client = _gateway.Gateway(key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(GatewayServer.Chat(maxTokens: 100, stream: true)) };

        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var chunks = 0;
            while (chunks < 3 && await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    chunks++;
                    gate.Release();
                }
            }
        }

        var usage = await Testing.Eventually.ResultAsync(async () => (await _gateway.UsageAsync("acme")).SingleOrDefault(), "the usage record of the cut stream");
        Assert.Equal("cut", usage.Outcome);
        // Three chunks were read; a fourth may have been on its way when the client left.
        Assert.InRange(usage.CompletionTokens, 3, 4);
        Assert.Equal((usage.PromptTokens * 1_000_000) + (usage.CompletionTokens * 3_000_000), usage.CostNanos);
    }
}
