using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Accelerators;
using Suanwang.Protocol.Market;

namespace Suanwang.Portal.Pages;

/// <summary>
/// Order a job: fill in the common fields (and any YAML for the rest), validate, get a quote with
/// the best places, choose one and pay from the wallet; then the job's page. The spec is read by
/// the same admission as <c>POST /api/v1/orders</c>, so errors name the same line and field.
/// </summary>
public sealed class OrderModel(JobAdmission admission, QuoteDesk quotes, OrderDesk orders, AcceleratorCatalog catalog, MarketOptions market) : PortalPage
{
    /// <summary>The base currency quotes are priced in.</summary>
    public string BaseCurrency => market.Currency;

    /// <summary>The form.</summary>
    [BindProperty]
    public OrderForm Form { get; set; } = new();

    /// <summary>The quote being confirmed.</summary>
    [BindProperty]
    public string? QuoteId { get; set; }

    /// <summary>The option chosen.</summary>
    [BindProperty]
    public int Option { get; set; }

    /// <summary>Makes a retried confirmation find the first order instead of paying twice.</summary>
    [BindProperty]
    public string? IdempotencyKey { get; set; }

    /// <summary>The spec sent, shown with line numbers when it is refused.</summary>
    public string? Spec { get; private set; }

    /// <summary>Why the spec or the order was refused.</summary>
    public Refusal? Refusal { get; private set; }

    /// <summary>Whether the last validation passed.</summary>
    public bool Valid { get; private set; }

    /// <summary>The quote's options, best first.</summary>
    public IReadOnlyList<QuoteOptionView> Options { get; private set; } = [];

    /// <summary>When the quote expires.</summary>
    public DateTimeOffset? Expires { get; private set; }

    /// <summary>The accelerator models the catalog knows.</summary>
    public IEnumerable<string> Models => catalog.Models.Select(m => m.Id);

    /// <summary>The form, prefilled from an offer's model, country and spot.</summary>
    public void OnGet(string? model, string? country, string? spot)
    {
        Form.Model = model is { Length: <= OrderForm.MaxField } ? model : null;
        Form.Country = country is { Length: 2 } ? country : null;
        Form.Spot = spot == "true";
    }

    /// <summary>Reads the spec and checks some site could run it; changes nothing.</summary>
    public async Task<IActionResult> OnPostValidateAsync(CancellationToken cancellationToken)
    {
        if (Read() is { } early)
        {
            return early;
        }

        var read = await admission.ReadAsync(Me.Actor, Spec!, AdmissionPurpose.Order, cancellationToken).ConfigureAwait(false);
        var placeable = read.Refused ? default : await admission.PlaceableAsync(read.Value!, cancellationToken).ConfigureAwait(false);
        if ((read.Refused ? read.Refusal : placeable.Refusal) is { } refusal)
        {
            return Refuse(refusal);
        }

        Valid = true;
        return Page();
    }

    /// <summary>Quotes the spec: up to five places with price, start, finish and kg CO2.</summary>
    public async Task<IActionResult> OnPostQuoteAsync(CancellationToken cancellationToken)
    {
        if (Read() is { } early)
        {
            return early;
        }

        // An order needs a command: check it now rather than after the quote.
        if (string.IsNullOrWhiteSpace(Form.Run) && !Spec!.Contains("run:", StringComparison.Ordinal))
        {
            return Refuse(Refusal.BadField("run", "required field is missing: the command the site's agent runs"));
        }

        var quoted = await quotes.QuoteAsync(Me.Actor, Spec!, cancellationToken).ConfigureAwait(false);
        if (quoted.Refused)
        {
            return Refuse(quoted.Refusal!);
        }

        QuoteId = quoted.Value!.Record.Id;
        Expires = quoted.Value.Record.ExpiresAt;
        Options = quoted.Value.Options;
        IdempotencyKey = "portal-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return Page();
    }

    /// <summary>Orders the chosen option, paid from the wallet, and goes to the job.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        Spec = Form.Spec();
        if (QuoteId is not { Length: > 0 and <= 64 } || IdempotencyKey is not { Length: > 0 and <= 64 })
        {
            return Refuse(Refusal.BadField(QuoteId is { Length: > 0 and <= 64 } ? "idempotency_key" : "quote", "missing or longer than 64 characters: ask for a quote again"));
        }

        var body = new QuoteOrder(QuoteId, Option);
        var fingerprint = RequestFingerprint.Of("application/json", $"{{\"quote\":\"{QuoteId}\",\"option\":{Option.ToString(CultureInfo.InvariantCulture)}}}");
        var placed = await orders.ForQuoteAsync(new OrderRequest(Me.Actor, IdempotencyKey, fingerprint), body, cancellationToken).ConfigureAwait(false);
        if (placed.Refused)
        {
            return Refuse(placed.Refusal!);
        }

        return placed.Value!.Order.JobId is { } job
            ? LocalRedirect("/jobs/" + job.ToString(CultureInfo.InvariantCulture))
            : LocalRedirect("/jobs");
    }

    private PageResult? Read()
    {
        if (Form.Problem() is { } problem)
        {
            return Refuse(Refusal.BadField(problem.Field, problem.Message));
        }

        Spec = Form.Spec();
        return null;
    }

    private PageResult Refuse(Refusal refusal)
    {
        Refusal = refusal;
        Response.StatusCode = RefusalStatus.Of(refusal.Kind);
        return Page();
    }
}
