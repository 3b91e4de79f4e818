using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Core.Market;
using Suanwang.Core.Schemas;
using Suanwang.Protocol.Market;
using Suanwang.Server.Auth;
using Suanwang.Server.Hosting;
using Suanwang.Server.Http;
using Suanwang.Storage;

namespace Suanwang.Server.Ledger;

/// <summary>
/// Money in and out of the ledger: admin top-ups, refunds and payouts, a tenant's balance, and
/// the admin check that every posting balances.
/// </summary>
internal static class LedgerApi
{
    /// <summary>Most characters in a posting's memo.</summary>
    public const int MaxMemoLength = 500;

    /// <summary>Maps the provider payout and ledger check routes onto <paramref name="api"/>; the tenant routes are in <see cref="MapTenantRoutes"/>.</summary>
    public static void MapLedgerApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/providers/{owner}/payouts", PayoutAsync)
            .WithTags("Ledger")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .Accepts<NewTopUp>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Record money paid out to a provider from what it is owed (admin)");
        api.MapGet("/ledger/verify", VerifyAsync)
            .WithTags("Ledger")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .WithSummary("Check every posting (admin): each balances, and every account equals the sum of its lines");
    }

    /// <summary>Maps a tenant's top-ups, refunds and balance onto the <c>/tenants</c> group.</summary>
    public static void MapTenantRoutes(RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{tenant}/topups", TopUpAsync)
            .WithTags("Ledger")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .Accepts<NewTopUp>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Add money to a tenant's wallet (admin); takes an Idempotency-Key");
        tenants.MapPost("/{tenant}/refunds", RefundAsync)
            .WithTags("Ledger")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .Accepts<NewTopUp>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Give money back to a tenant out of the platform's revenue (admin); takes an Idempotency-Key");
        tenants.MapGet("/{tenant}/balance", BalanceAsync)
            .WithTags("Ledger")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A tenant's available and reserved money");
    }

    /// <summary>Credits a tenant's wallet; an amount in another currency is converted at the published rate.</summary>
    public static async Task<Results<Created<TopUpResult>, Ok<TopUpResult>, ProblemHttpResult>> TopUpAsync(
        string tenant, HttpRequest request, HttpResponse response, IStore store, RequestBodies bodies, MarketOptions market, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, amount, problem) = await ReadAsync(request, bodies, market, null, cancellationToken).ConfigureAwait(false);
        if ((problem ?? TenantProblem(tenant)) is { } refused)
        {
            return refused;
        }

        if (await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("tenant", tenant);
        }

        Posting posting;
        try
        {
            posting = Postings.TopUp(tenant, amount, body!.Currency, market.Currency, market.RateOf(body.Currency)!.Value, body.Memo ?? $"top-up {MinorUnits.Format(amount, body.Currency)} {body.Currency}");
        }
        catch (ArgumentException ex)
        {
            return Problems.BadField("amount", ex.Message);
        }

        return await PostAsync(tenant, posting, body, amount, request, response, store, market, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives money back to a tenant from the platform's revenue, in the base currency.</summary>
    public static async Task<Results<Created<TopUpResult>, Ok<TopUpResult>, ProblemHttpResult>> RefundAsync(
        string tenant, HttpRequest request, HttpResponse response, IStore store, RequestBodies bodies, MarketOptions market, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, amount, problem) = await ReadAsync(request, bodies, market, "refunds", cancellationToken).ConfigureAwait(false);
        if ((problem ?? TenantProblem(tenant)) is { } refused)
        {
            return refused;
        }

        if (await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("tenant", tenant);
        }

        var posting = Postings.Refund(tenant, amount, body!.Currency, body.Memo ?? "refund");
        return await PostAsync(tenant, posting, body, amount, request, response, store, market, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A tenant's balance; a tenant key sees only its own.</summary>
    public static async Task<Results<Ok<BalanceView>, ProblemHttpResult>> BalanceAsync(string tenant, Caller caller, IStore store, MarketOptions market, CancellationToken cancellationToken)
    {
        if (!caller.Sees(tenant) || await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("tenant", tenant);
        }

        return TypedResults.Ok(await BalanceOfAsync(store, market, tenant, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Records a payout from a provider's payable; never more than it is owed.</summary>
    public static async Task<Results<Created<TopUpResult>, Ok<TopUpResult>, ProblemHttpResult>> PayoutAsync(
        string owner, HttpRequest request, HttpResponse response, IStore store, RequestBodies bodies, MarketOptions market, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, amount, problem) = await ReadAsync(request, bodies, market, "payouts", cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var owed = await store.GetBalanceAsync(Accounts.Payable(owner), market.Currency, cancellationToken).ConfigureAwait(false);
        if (owed.Balance < amount)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Payout exceeds what is owed", $"provider '{owner}' is owed {market.Text(owed.Balance)} {market.Currency}", "amount");
        }

        var posting = Postings.Payout(owner, amount, market.Currency, body!.Memo ?? "payout");
        var key = request.Headers["Idempotency-Key"].ToString();
        var result = await store.PostAsync(posting, string.IsNullOrEmpty(key) ? null : key, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (result.Replayed && !await SameRequestAsync(store, result.PostingId, posting, body.Currency, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Refused(Refusal.KeyReused(key));
        }

        var view = new TopUpResult(result.PostingId, owner, body.Amount, body.Currency, market.Text(amount), new BalanceView(owner, market.Text(owed.Balance - (result.Replayed ? 0 : amount)), "0.00", market.Currency));
        return result.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"{request.PathBase}/api/v1/ledger/postings/{result.PostingId}", view);
    }

    /// <summary>Checks every posting and account.</summary>
    public static async Task<Ok<LedgerCheckView>> VerifyAsync(IStore store, CancellationToken cancellationToken)
    {
        var check = await store.VerifyLedgerAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new LedgerCheckView(check.Balanced, check.Postings, check.Lines, check.Problems));
    }

    /// <summary>The tenant's balance in the base currency.</summary>
    public static async Task<BalanceView> BalanceOfAsync(IStore store, MarketOptions market, string tenant, CancellationToken cancellationToken)
    {
        var available = await store.GetBalanceAsync(Accounts.Wallet(tenant), market.Currency, cancellationToken).ConfigureAwait(false);
        var reserved = await store.GetBalanceAsync(Accounts.Hold(tenant), market.Currency, cancellationToken).ConfigureAwait(false);
        return new BalanceView(tenant, market.Text(available.Balance), market.Text(reserved.Balance), market.Currency);
    }

    private static async Task<Results<Created<TopUpResult>, Ok<TopUpResult>, ProblemHttpResult>> PostAsync(
        string tenant, Posting posting, NewTopUp body, long amount, HttpRequest request, HttpResponse response, IStore store, MarketOptions market, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        var result = await store.PostAsync(posting, string.IsNullOrEmpty(key) ? null : key, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (result.Insufficient)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Posting refused", "the posting would take an account below zero");
        }

        if (result.Replayed && !await SameRequestAsync(store, result.PostingId, posting, body.Currency, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Refused(Refusal.KeyReused(key));
        }

        var credited = posting.Lines.Single(l => l.Account == Accounts.Wallet(tenant)).Amount;
        var view = new TopUpResult(
            result.PostingId,
            tenant,
            MinorUnits.Format(amount, body.Currency),
            body.Currency,
            market.Text(credited),
            await BalanceOfAsync(store, market, tenant, cancellationToken).ConfigureAwait(false));
        if (result.Replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(view);
        }

        return TypedResults.Created($"{request.PathBase}/api/v1/tenants/{tenant}/balance", view);
    }

    // baseOnly names what may be paid only in the base currency (refunds, payouts); null for any published one.
    private static async Task<(NewTopUp? Body, long Amount, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, RequestBodies bodies, MarketOptions market, string? baseOnly, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<NewTopUp>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, 0, problem);
        }

        if (!Currencies.IsCode(body!.Currency) || market.RateOf(body.Currency) is null)
        {
            return (null, 0, Problems.BadField("currency", $"'{body.Currency}' is not a currency this server takes; use one of {market.Accepted()}"));
        }

        // The strict form of an amount, as in job specs: digits and a point, no sign, no exponent.
        if (body.Amount is ['+' or '-', ..])
        {
            return (null, 0, Problems.BadField("amount", $"'{body.Amount}' has a sign; write the amount as digits with an optional decimal point, for example \"100.00\""));
        }

        if (body.Memo is not null && PlainText.NameProblem(body.Memo, MaxMemoLength) is { } memoProblem)
        {
            return (null, 0, Problems.BadField("memo", $"the memo {memoProblem}"));
        }

        if (!MoneyText.TryParse(body.Amount, body.Currency, out var amount, out var error))
        {
            return (null, 0, Problems.BadField("amount", error));
        }

        if (amount <= 0)
        {
            return (null, 0, Problems.BadField("amount", $"the amount must be above zero, not {body.Amount}"));
        }

        if (request.Headers["Idempotency-Key"].ToString() is { Length: > 255 })
        {
            return (null, 0, Problems.BadField("Idempotency-Key", "the key is longer than 255 characters"));
        }

        if (baseOnly is not null && body.Currency != market.Currency)
        {
            return (null, 0, Problems.BadField("currency", $"{baseOnly} are in the base currency {market.Currency}"));
        }

        return (body, amount, null);
    }

    // A tenant id in the path that could never name a tenant ("acme\n") is the caller's mistake: 400, before anything is read or written.
    private static ProblemHttpResult? TenantProblem(string tenant) =>
        TenantDirectory.IdProblem(tenant) is { } problem ? Problems.BadField("tenant", problem) : null;

    // A key sent again must come with the same request, as for orders: the first posting must be
    // the one this body makes. Lines in the body's currency are compared, not converted ones, so a
    // retry after the exchange rate changed is still the same request.
    private static async Task<bool> SameRequestAsync(IStore store, long postingId, Posting posting, string currency, CancellationToken cancellationToken)
    {
        var prior = await store.GetPostingLinesAsync(postingId, cancellationToken).ConfigureAwait(false);
        if (prior.Count == 0 || prior.Any(l => l.Kind != posting.Kind || l.Memo != posting.Memo || l.Tenant != posting.Tenant))
        {
            return false;
        }

        var before = prior.Where(l => l.Currency == currency).Select(l => (l.Account, l.Amount)).OrderBy(l => l.Account, StringComparer.Ordinal).ThenBy(l => l.Amount);
        var now = posting.Lines.Where(l => l.Currency == currency).Select(l => (l.Account, l.Amount)).OrderBy(l => l.Account, StringComparer.Ordinal).ThenBy(l => l.Amount);
        return before.SequenceEqual(now);
    }
}
