using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Market;
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
    public const int MaxMemoLength = WalletDesk.MaxMemoLength;

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
        string tenant, HttpRequest request, HttpResponse response, WalletDesk wallets, RequestBodies bodies, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<NewTopUp>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var posted = await wallets.TopUpAsync(tenant, body!, request.Headers["Idempotency-Key"].ToString(), cancellationToken).ConfigureAwait(false);
        return Answer(posted, request, response);
    }

    /// <summary>Gives money back to a tenant from the platform's revenue, in the base currency.</summary>
    public static async Task<Results<Created<TopUpResult>, Ok<TopUpResult>, ProblemHttpResult>> RefundAsync(
        string tenant, HttpRequest request, HttpResponse response, WalletDesk wallets, RequestBodies bodies, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<NewTopUp>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var posted = await wallets.RefundAsync(tenant, body!, request.Headers["Idempotency-Key"].ToString(), cancellationToken).ConfigureAwait(false);
        return Answer(posted, request, response);
    }

    /// <summary>A tenant's balance; a tenant key sees only its own.</summary>
    public static async Task<Results<Ok<BalanceView>, ProblemHttpResult>> BalanceAsync(string tenant, Caller caller, IStore store, WalletDesk wallets, CancellationToken cancellationToken)
    {
        if (!caller.Sees(tenant) || await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("tenant", tenant);
        }

        return TypedResults.Ok(await wallets.BalanceAsync(tenant, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Records a payout from a provider's payable; never more than it is owed.</summary>
    public static async Task<Results<Created<TopUpResult>, Ok<TopUpResult>, ProblemHttpResult>> PayoutAsync(
        string owner, HttpRequest request, IStore store, WalletDesk wallets, RequestBodies bodies, MarketOptions market, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<NewTopUp>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var read = wallets.Read(body!, request.Headers["Idempotency-Key"].ToString(), "payouts");
        if (read.Refused)
        {
            return Problems.Refused(read.Refusal!);
        }

        var amount = read.Value;
        var owed = await store.GetBalanceAsync(Accounts.Payable(owner), market.Currency, cancellationToken).ConfigureAwait(false);
        if (owed.Balance < amount)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Payout exceeds what is owed", $"provider '{owner}' is owed {market.Text(owed.Balance)} {market.Currency}", "amount");
        }

        var posting = Postings.Payout(owner, amount, market.Currency, body!.Memo ?? "payout");
        var key = request.Headers["Idempotency-Key"].ToString();
        var result = await store.PostAsync(posting, string.IsNullOrEmpty(key) ? null : key, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (result.Replayed && !await wallets.SameRequestAsync(result.PostingId, posting, body.Currency, cancellationToken).ConfigureAwait(false))
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

    private static Results<Created<TopUpResult>, Ok<TopUpResult>, ProblemHttpResult> Answer(Outcome<WalletPosted> posted, HttpRequest request, HttpResponse response)
    {
        if (posted.Refused)
        {
            return Problems.Refused(posted.Refusal!);
        }

        var (view, replayed) = posted.Value!;
        if (replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(view);
        }

        return TypedResults.Created($"{request.PathBase}/api/v1/tenants/{view.Tenant}/balance", view);
    }
}
