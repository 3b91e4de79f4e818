using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.EndToEnd.Tests.Support;

internal sealed partial class Api
{
    public async Task TopUpAsync(string tenant, string amount)
    {
        using var response = await _http.PostAsJsonAsync(new Uri($"/api/v1/tenants/{tenant}/topups", UriKind.Relative), new NewTopUp(amount, "CNY"), ProtocolJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Places an order; the order when the server answered 201 or 200 (a replay), null for 402.</summary>
    public async Task<OrderView?> OrderAsync(string spec, string key, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/orders", UriKind.Relative)) { Content = new StringContent(spec, Encoding.UTF8, "application/yaml") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.PaymentRequired)
        {
            return null;
        }

        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            Assert.Fail($"order answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<OrderView>(ProtocolJson.Options, cancellationToken);
    }

    public async Task<IReadOnlyList<OrderView>> OrdersAsync() =>
        (await _http.GetFromJsonAsync<List<OrderView>>(new Uri("/api/v1/orders?limit=1000", UriKind.Relative), ProtocolJson.Options))!;

    public async Task<BalanceView> BalanceAsync(string tenant) =>
        (await _http.GetFromJsonAsync<BalanceView>(new Uri($"/api/v1/tenants/{tenant}/balance", UriKind.Relative), ProtocolJson.Options))!;

    public async Task<LedgerCheckView> VerifyAsync() =>
        (await _http.GetFromJsonAsync<LedgerCheckView>(new Uri("/api/v1/ledger/verify", UriKind.Relative), ProtocolJson.Options))!;

    public async Task<StatementView> StatementAsync(string tenant, DateTimeOffset from, DateTimeOffset to) =>
        (await _http.GetFromJsonAsync<StatementView>(new Uri($"/api/v1/tenants/{tenant}/statement?from={from:yyyy-MM-ddTHH:mm:ssZ}&to={to:yyyy-MM-ddTHH:mm:ssZ}", UriKind.Relative), ProtocolJson.Options))!;
}
