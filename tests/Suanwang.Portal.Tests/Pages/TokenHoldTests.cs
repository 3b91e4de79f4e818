using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Portal.Tests.Support;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>What token requests in flight hold shows on the wallet beside what orders hold, and is not counted as money to spend.</summary>
public sealed class TokenHoldTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    [Fact]
    public async Task AHeldTokenRequest_ShowsOnTheWallet_AndLeavesLessToSpend_UntilItEnds()
    {
        var key = await Network.TenantAsync("th-tenant", topUp: 10m);
        var wallets = Network.Services.GetRequiredService<TokenWallets>();
        // A request in flight through the gateway: 2.345 CNY held, shown rounded up to the fen.
        const long Nanos = 2_345_000_000;
        var hold = await wallets.TryHoldAsync("th-tenant", Nanos, CancellationToken.None);
        Assert.True(hold.Held);
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);

        var held = await portal.PageAsync("/wallet");
        Assert.Contains("id=\"wallet-tokens-held\">CNY 2.35<", held, StringComparison.Ordinal);
        Assert.Contains("id=\"wallet-available\">CNY 7.65<", held, StringComparison.Ordinal);
        Assert.Contains("Held by token requests in flight", held, StringComparison.Ordinal);
        using var rest = Network.Rest(key);
        var balance = await rest.GetFromJsonAsync<BalanceView>("/api/v1/tenants/th-tenant/balance", ProtocolJson.Options);
        Assert.Equal(("7.65", "2.35", "0.00"), (balance!.Available, balance.TokensHeld, balance.Reserved));

        using var chinese = new PortalClient(Network.Url, "zh-CN");
        await chinese.SignInAsync(key);
        Assert.Contains("进行中的令牌请求预扣", await chinese.PageAsync("/wallet"), StringComparison.Ordinal);

        wallets.Release("th-tenant", Nanos, 0);
        var released = await portal.PageAsync("/wallet");
        Assert.Contains("id=\"wallet-tokens-held\">CNY 0.00<", released, StringComparison.Ordinal);
        Assert.Contains("id=\"wallet-available\">CNY 10.00<", released, StringComparison.Ordinal);
    }
}
