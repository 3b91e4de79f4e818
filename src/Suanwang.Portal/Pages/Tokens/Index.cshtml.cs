using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Statements;
using Suanwang.ControlPlane.Tenants;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Protocol.Tenants;
using Suanwang.Protocol.Tokens;
using Suanwang.Storage;

namespace Suanwang.Portal.Pages.Tokens;

/// <summary>
/// The token service: the models sites serve and their prices; a tenant's token usage and spend per
/// key and model for a period; and, for an admin as on <c>/api/v1/keys</c>, the tenant's keys with
/// their jurisdictions and limits, to issue (the secret shown once) and revoke.
/// </summary>
public sealed class IndexModel(SiteModelDesk models, IStore store, TenantDirectory tenants, MarketOptions market, TimeProvider time) : PortalPage
{
    /// <summary>Most characters of a tenant id or key id.</summary>
    public const int MaxName = 128;

    /// <summary>The tenant whose usage and keys are shown; the session's own by default.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Tenant { get; set; }

    /// <summary>The month of the usage, YYYY-MM; this month by default.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    /// <summary>The new key's form.</summary>
    [BindProperty]
    public KeyForm Key { get; set; } = new();

    /// <summary>The base currency.</summary>
    public string BaseCurrency => market.Currency;

    /// <summary>The endpoints sites publish, by model then site.</summary>
    public IReadOnlyList<ModelEndpointView> Models { get; private set; } = [];

    /// <summary>Token usage per key and model over the period.</summary>
    public IReadOnlyList<TokenSpend> Usage { get; private set; } = [];

    /// <summary>Start and end (exclusive) of the usage period.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Period { get; private set; }

    /// <summary>The tenant's keys, for an admin; empty otherwise.</summary>
    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    /// <summary>A key just issued: its secret is shown this once.</summary>
    public ApiKeyIssued? Issued { get; private set; }

    /// <summary>A key just revoked.</summary>
    public string? Revoked { get; private set; }

    /// <summary>Why the request was refused.</summary>
    public Refusal? Refusal { get; private set; }

    /// <summary>The price of <paramref name="amount"/> <paramref name="currency"/> in the base currency; null when no rate is published.</summary>
    public decimal? InBase(decimal amount, string currency) => market.RateOf(currency) is { } rate ? amount * rate : null;

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken).ConfigureAwait(false) ?? Page();

    /// <summary>Issues a tenant key (admin): the page shows its secret once.</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (Checked() is { } early)
        {
            return early;
        }

        var body = Key.Read();
        var issued = body.Refused ? body.Refusal! : await tenants.IssueKeyAsync(Tenant!, body.Value!, cancellationToken).ConfigureAwait(false);
        if (issued.Refused)
        {
            return await RefuseAsync(issued.Refusal!, cancellationToken).ConfigureAwait(false);
        }

        Issued = issued.Value;
        Key = new KeyForm();
        Response.Headers.CacheControl = "no-store";
        return await LoadAsync(cancellationToken).ConfigureAwait(false) ?? Page();
    }

    /// <summary>Revokes a key (admin), as <c>DELETE /api/v1/keys/{id}</c>.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(string? id, CancellationToken cancellationToken)
    {
        if (Checked() is { } early)
        {
            return early;
        }

        if (id is not { Length: > 0 and <= MaxName })
        {
            return await RefuseAsync(Refusal.BadField("id", $"a key id of 1 to {MaxName} characters"), cancellationToken).ConfigureAwait(false);
        }

        if (!await tenants.RevokeKeyAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return await RefuseAsync(new Refusal(RefusalKind.NotFound, $"key '{id}' does not exist"), cancellationToken).ConfigureAwait(false);
        }

        Revoked = id;
        return await LoadAsync(cancellationToken).ConfigureAwait(false) ?? Page();
    }

    // Keys are an admin's business, as on the REST routes: a tenant's session gets 403 and nothing is written.
    private IActionResult? Checked()
    {
        if (!Me.Admin)
        {
            return Forbid();
        }

        Tenant = string.IsNullOrWhiteSpace(Tenant) ? Me.Tenant : Tenant.Trim();
        return TenantDirectory.IdProblem(Tenant) is { } problem ? BadRequest($"tenant: {problem}") : null;
    }

    private async Task<IActionResult> RefuseAsync(Refusal refusal, CancellationToken cancellationToken)
    {
        Refusal = refusal;
        var answer = await LoadAsync(cancellationToken).ConfigureAwait(false);
        Response.StatusCode = RefusalStatus.Of(refusal.Kind);
        return answer ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        Tenant = string.IsNullOrWhiteSpace(Tenant) ? Me.Tenant : Tenant.Trim();
        Month = string.IsNullOrWhiteSpace(Month) ? null : Month.Trim();
        if (Tenant.Length > MaxName || TenantDirectory.IdProblem(Tenant) is not null)
        {
            Refusal ??= Refusal.BadField("tenant", Tenant.Length > MaxName ? $"longer than {MaxName} characters" : TenantDirectory.IdProblem(Tenant)!);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Tenant = Me.Tenant;
        }

        if (!Me.Sees(Tenant))
        {
            return Forbid();
        }

        var (from, to, field, error) = Month is { Length: > 16 }
            ? (DateTimeOffset.MinValue, DateTimeOffset.MinValue, "month", "longer than 16 characters")
            : StatementPeriod.Parse(Month, null, null, time.GetUtcNow());
        if (error is not null)
        {
            Refusal ??= Refusal.BadField(field!, error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Month = null;
            (from, to, _, _) = StatementPeriod.Parse(null, null, null, time.GetUtcNow());
        }

        Period = (from, to);
        Models = await models.ListAsync(cancellationToken).ConfigureAwait(false);
        var records = await store.ListTokenUsageAsync(Tenant, from, to, cancellationToken).ConfigureAwait(false);
        Usage = TokenSpend.Of(records, market.Currency);
        if (Me.Admin)
        {
            Keys = await tenants.ListKeysAsync(Tenant, null, null, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
