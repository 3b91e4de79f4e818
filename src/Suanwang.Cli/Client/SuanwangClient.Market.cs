using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Client;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.Cli.Client;

/// <summary>The market and ledger part of the API: offers, quotes, orders, balances, top-ups, statements.</summary>
internal sealed partial class SuanwangClient
{
    /// <summary>The offers matching <paramref name="query"/> (API parameter names to values; null or empty values are left out).</summary>
    public Task<IReadOnlyList<OfferView>> ListOffersAsync(IEnumerable<KeyValuePair<string, string?>> query, CancellationToken cancellationToken)
    {
        var parameters = new List<string>();
        foreach (var (name, value) in query)
        {
            Add(parameters, name, value);
        }

        var path = parameters.Count == 0 ? "api/v1/offers" : "api/v1/offers?" + string.Join('&', parameters);
        return _api.SendAsync<IReadOnlyList<OfferView>>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>Asks for a quote for a job spec (YAML, or JSON when <paramref name="json"/>); problems name <paramref name="source"/>.</summary>
    public async Task<QuoteView> QuoteAsync(string spec, bool json, string source, CancellationToken cancellationToken)
    {
        using var content = SpecContent(spec, json);
        try
        {
            return await _api.SendAsync<QuoteView>(HttpMethod.Post, "api/v1/quotes", content, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.IsUserError && (e.Field is not null || e.Line is not null))
        {
            throw e.From(source);
        }
    }

    /// <summary>Orders a job spec under <paramref name="idempotencyKey"/>; problems name <paramref name="source"/>.</summary>
    public async Task<Ordered> OrderAsync(string spec, bool json, string source, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var content = SpecContent(spec, json);
        try
        {
            return await OrderAsync(content, idempotencyKey, cancellationToken).ConfigureAwait(false);
        }
        // A reused key is the flag's fault, not the file's.
        catch (ApiException e) when (e.IsUserError && BalanceShortfall.Of(e) is null && e.Field != ApiClient.IdempotencyKeyHeader && (e.Field is not null || e.Line is not null))
        {
            throw e.From(source);
        }
    }

    /// <summary>Orders option <paramref name="option"/> (the best when null) of quote <paramref name="quote"/> under <paramref name="idempotencyKey"/>.</summary>
    public async Task<Ordered> OrderQuoteAsync(string quote, int? option, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(new QuoteOrder(quote, option), options: ProtocolJson.Options);
        return await OrderAsync(content, idempotencyKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Buys a reserved block under <paramref name="idempotencyKey"/>: charged in full at once.</summary>
    public async Task<Ordered> OrderBlockAsync(BlockOrder block, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(new QuoteOrder(Block: block), options: ProtocolJson.Options);
        return await OrderAsync(content, idempotencyKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Orders newest first: the key's tenant's, or (admin) <paramref name="tenant"/>'s or everyone's.</summary>
    public Task<IReadOnlyList<OrderView>> ListOrdersAsync(string? tenant, int? limit, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        Add(query, "tenant", tenant);
        Add(query, "limit", limit?.ToString(CultureInfo.InvariantCulture));
        var path = query.Count == 0 ? "api/v1/orders" : "api/v1/orders?" + string.Join('&', query);
        return _api.SendAsync<IReadOnlyList<OrderView>>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>One order.</summary>
    public Task<OrderView> GetOrderAsync(string id, CancellationToken cancellationToken) =>
        _api.SendAsync<OrderView>(HttpMethod.Get, $"api/v1/orders/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>A tenant's available and reserved money.</summary>
    public Task<BalanceView> GetBalanceAsync(string tenant, CancellationToken cancellationToken) =>
        _api.SendAsync<BalanceView>(HttpMethod.Get, $"api/v1/tenants/{Uri.EscapeDataString(tenant)}/balance", null, cancellationToken);

    /// <summary>Credits a tenant's wallet (admin) under <paramref name="idempotencyKey"/>.</summary>
    public async Task<TopUpResult> TopUpAsync(string tenant, NewTopUp topUp, string idempotencyKey, CancellationToken cancellationToken)
    {
        var path = $"api/v1/tenants/{Uri.EscapeDataString(tenant)}/topups";
        using var content = JsonContent.Create(topUp, options: ProtocolJson.Options);
        using var response = await _api.SendAsync(HttpMethod.Post, path, content, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return await _api.ReadAsync<TopUpResult>(response, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A statement as JSON.</summary>
    public Task<StatementView> GetStatementAsync(StatementRequest request, CancellationToken cancellationToken) =>
        _api.SendAsync<StatementView>(HttpMethod.Get, request.Path("json"), null, cancellationToken);

    /// <summary>A statement rendered by the server: <paramref name="format"/> is csv or html.</summary>
    public async Task<string> GetStatementTextAsync(StatementRequest request, string format, CancellationToken cancellationToken)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, request.Path(format), null, null, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks every posting and account (admin).</summary>
    public Task<LedgerCheckView> VerifyLedgerAsync(CancellationToken cancellationToken) =>
        _api.SendAsync<LedgerCheckView>(HttpMethod.Get, "api/v1/ledger/verify", null, cancellationToken);

    private static StringContent SpecContent(string spec, bool json) =>
        new(spec, Encoding.UTF8, json ? "application/json" : "application/yaml");

    private async Task<Ordered> OrderAsync(HttpContent content, string idempotencyKey, CancellationToken cancellationToken)
    {
        const string path = "api/v1/orders";
        using var response = await _api.SendAsync(HttpMethod.Post, path, content, idempotencyKey, cancellationToken).ConfigureAwait(false);
        var order = await _api.ReadAsync<OrderView>(response, path, cancellationToken).ConfigureAwait(false);
        var replayed = response.Headers.TryGetValues(ReplayedHeader, out var values) && values.Contains("true", StringComparer.OrdinalIgnoreCase);
        return new Ordered(order, replayed);
    }
}
