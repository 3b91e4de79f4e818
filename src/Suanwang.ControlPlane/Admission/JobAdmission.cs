using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Policy;
using Suanwang.ControlPlane.Sites;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Sites;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;

namespace Suanwang.ControlPlane.Admission;

/// <summary>
/// The one way a job spec enters the system, for jobs, quotes and orders alike: parse it once,
/// authorise the key for its tenant, check the tenant exists and some registered site could ever
/// run it, then price or store it. Each step answers a <see cref="Refusal"/> a user can act on.
/// </summary>
public sealed class JobAdmission(
    IStore store,
    SiteDirectory directory,
    AcceleratorCatalog catalog,
    TimeProvider time,
    IOptions<MarketOptions> market,
    SchedulerSignal signal,
    TenantCaps caps,
    TenantLimitsDirectory limits,
    DataLaw law)
{
    /// <summary>What errors in a spec name as its file.</summary>
    public const string Source = "request body";

    private const string InvalidSpec = "Invalid job spec";

    /// <summary>Parses <paramref name="text"/> and authorises <paramref name="actor"/> for its tenant, as <paramref name="purpose"/> requires.</summary>
    public async Task<Outcome<AdmittedSpec>> ReadAsync(Actor actor, string text, AdmissionPurpose purpose, CancellationToken cancellationToken)
    {
        JobSpec spec;
        try
        {
            spec = JobSpecReader.Parse(text, Source, catalog, actor.Tenant);
        }
        catch (InputException ex)
        {
            return Refusal.Of(ex.Error, InvalidSpec);
        }

        if (purpose != AdmissionPurpose.Quote && string.IsNullOrWhiteSpace(spec.Run))
        {
            return Refusal.BadField("run", "required field is missing: the command the site's agent runs");
        }

        if (!actor.Sees(spec.Tenant))
        {
            var verb = purpose switch
            {
                AdmissionPurpose.Quote => "ask quotes for",
                AdmissionPurpose.Order => "order for",
                _ => "submit for",
            };
            return new Refusal(RefusalKind.Forbidden, $"this key acts for tenant '{actor.Tenant}' and may not {verb} '{spec.Tenant}'", "tenant");
        }

        if (purpose == AdmissionPurpose.Submit && market.Value.RequireOrders && !actor.Admin)
        {
            return new Refusal(RefusalKind.OrderRequired, "this server runs tenants' jobs only through paid orders; send the spec to POST /api/v1/orders with an Idempotency-Key", Title: "Order required");
        }

        // A key's own tenant exists: the key refers to it and tenants are never deleted.
        if (spec.Tenant != actor.Tenant && await store.GetTenantAsync(spec.Tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return Refusal.BadField("tenant", $"tenant '{spec.Tenant}' does not exist");
        }

        // Registered datasets and inputs declared important or core are decided by the data-law engine alike.
        if (spec.Datasets is { Count: > 0 } || spec.Inputs.Any(i => i.Class != DataClass.General))
        {
            var lawful = await LawfulAsync(spec, record: purpose != AdmissionPurpose.Quote, cancellationToken).ConfigureAwait(false);
            if (lawful.Refused)
            {
                return lawful.Refusal;
            }

            spec = lawful.Value!;
        }

        return new AdmittedSpec(spec, text, time.GetUtcNow());
    }

    /// <summary>
    /// The spec with its allowed jurisdictions narrowed to where the data-law engine lets its
    /// datasets be processed, among the countries of the registered sites (or the ones the spec
    /// allows); the scheduler then only tests a bit per site. Refused, naming the rule, when no
    /// country is left.
    /// </summary>
    private async Task<Outcome<JobSpec>> LawfulAsync(JobSpec spec, bool record, CancellationToken cancellationToken)
    {
        var asked = spec.AllowedJurisdictions.Select(j => j.Country).Distinct(StringComparer.Ordinal).ToList();
        if (asked.Count == 0)
        {
            var view = directory.ViewOf(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false));
            asked = view.Network.Sites.Select(s => s.Jurisdiction.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }

        var answer = await law.PlacementAsync(spec.Tenant, spec.Datasets ?? [], spec.Inputs, asked, ExportOptions.Default, record, cancellationToken).ConfigureAwait(false);
        if (answer.Refused)
        {
            return answer.Refusal;
        }

        var allowed = answer.Value!.Allowed;
        if (allowed.Count == 0)
        {
            var why = string.Join("; ", asked.Select(c => answer.Value.WhyNot(c)).OfType<string>().Distinct(StringComparer.Ordinal).Take(3));
            return new Refusal(RefusalKind.Unschedulable, $"the job's datasets may not be processed in any of {string.Join(", ", asked)}: {why}", DeniedField(spec, answer.Value), Title: "Denied by data law");
        }

        var narrowed = spec.AllowedJurisdictions.Count == 0
            ? allowed.Select(c => new Jurisdiction(c)).ToList()
            : spec.AllowedJurisdictions.Where(j => allowed.Contains(j.Country)).ToList();
        return Zoned(spec with { AllowedJurisdictions = narrowed });
    }

    // The field a denial names: the first denied input declared by class, else the datasets.
    private static string DeniedField(JobSpec spec, LawAnswer answer)
    {
        foreach (var decision in answer.Decisions)
        {
            var input = decision.Allowed || (spec.Datasets?.Contains(decision.Datasets[0]) ?? false)
                ? -1
                : spec.Inputs.ToList().FindIndex(i => i.Name == decision.Datasets[0] && i.Class != DataClass.General);
            if (input >= 0)
            {
                return $"inputs[{input}].class";
            }
        }

        return "datasets";
    }

    // The engine decides countries; an input declared important or core in a zone (CN:shanghai-ftz)
    // also keeps the job in that zone of the country the engine allowed.
    private static Outcome<JobSpec> Zoned(JobSpec spec)
    {
        var allowed = spec.AllowedJurisdictions;
        for (var i = 0; i < spec.Inputs.Count; i++)
        {
            var input = spec.Inputs[i];
            if (input.Class == DataClass.General || input.Jurisdiction.Zone is null)
            {
                continue;
            }

            var place = input.Jurisdiction;
            if (!allowed.Any(j => j.Country == place.Country && (j.Zone is null || string.Equals(j.Zone, place.Zone, StringComparison.OrdinalIgnoreCase))))
            {
                return Refusal.BadField($"inputs[{i}].class", $"data class {input.Class} of input '{input.Name}' may not leave {place}, but the job may not run there");
            }

            allowed = [place];
        }

        return spec with { AllowedJurisdictions = allowed };
    }

    /// <summary>The network as registered now, when some site of it could ever run the spec.</summary>
    public async Task<Outcome<NetworkView>> PlaceableAsync(AdmittedSpec admitted, CancellationToken cancellationToken)
    {
        var view = directory.ViewOf(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false));
        try
        {
            return view.WhyNever(admitted.Spec, admitted.Now, Source) is { } reason ? Unschedulable(reason) : view;
        }
        catch (InputException ex)
        {
            return Refusal.Of(ex.Error, InvalidSpec);
        }
    }

    /// <summary>
    /// Minor units of the base currency an order for the spec holds: the most it can cost on the
    /// dearest pool it may land on (see <see cref="Reservations"/>).
    /// </summary>
    public async Task<Outcome<long>> ReservationAsync(AdmittedSpec admitted, CancellationToken cancellationToken)
    {
        var view = directory.ViewOf(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false));
        decimal hourly;
        try
        {
            if (view.MaxHourlyCost(admitted.Spec, admitted.Now, Source, out var reason) is not { } most)
            {
                return Unschedulable(reason!);
            }

            hourly = most;
        }
        catch (InputException ex)
        {
            return Refusal.Of(ex.Error, InvalidSpec);
        }

        var (amount, field, error) = Reservations.For(admitted.Spec, hourly, market.Value.RateOf, market.Value.Currency);
        return error is null ? amount : Refusal.BadField(field!, error);
    }

    /// <summary>Admits a job sent directly and stores it as queued; durable when the task completes.</summary>
    public async Task<Outcome<JobRecord>> SubmitAsync(Actor actor, string text, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(actor, text, AdmissionPurpose.Submit, cancellationToken).ConfigureAwait(false);
        if (read.Refused)
        {
            return read.Refusal;
        }

        var placeable = await PlaceableAsync(read.Value, cancellationToken).ConfigureAwait(false);
        if (placeable.Refused)
        {
            return placeable.Refusal;
        }

        var spec = read.Value.Spec;
        JobRecord job;
        using (var place = await limits.EnterAsync(spec.Tenant, cancellationToken).ConfigureAwait(false))
        {
            if (await caps.CheckAsync(actor, spec, order: false, place, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }

            place.Admit();
            job = await store.SubmitAsync(new NewJob(spec, text), read.Value.At, cancellationToken).ConfigureAwait(false);
        }

        signal.Notify();
        return job;
    }

    private static Refusal Unschedulable(string reason) => new(RefusalKind.Unschedulable, reason, "resources");
}
