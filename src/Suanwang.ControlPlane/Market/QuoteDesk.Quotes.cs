using System.Text.Json;
using Suanwang.ControlPlane.Admission;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Market;

namespace Suanwang.ControlPlane.Market;

public sealed partial class QuoteDesk
{
    /// <summary>How many options a quote offers at most.</summary>
    public const int MaxOptions = 5;

    /// <summary>
    /// Quotes a spec through the same admission as orders (no command needed) and keeps the quote
    /// for <see cref="MarketOptions.QuoteLifetime"/>: up to <see cref="MaxOptions"/> places with
    /// price, what an order would hold, expected start and finish, and kg CO2.
    /// </summary>
    public async Task<Outcome<QuotedSpec>> QuoteAsync(Actor actor, string text, CancellationToken cancellationToken)
    {
        var read = await admission.ReadAsync(actor, text, AdmissionPurpose.Quote, cancellationToken).ConfigureAwait(false);
        if (read.Refused)
        {
            return read.Refusal;
        }

        var placeable = await admission.PlaceableAsync(read.Value, cancellationToken).ConfigureAwait(false);
        if (placeable.Refused)
        {
            return placeable.Refusal;
        }

        var (spec, at) = (read.Value.Spec, read.Value.At);
        IReadOnlyList<QuotedPlace> places;
        try
        {
            places = Quote(spec, placeable.Value, read.Value.Now, MaxOptions, JobAdmission.Source);
        }
        catch (InputException ex)
        {
            return Refusal.Of(ex.Error, "Invalid job spec");
        }

        if (places.Count == 0)
        {
            return new Refusal(RefusalKind.Unschedulable, "no site can run the job within its budget", "resources");
        }

        var quoted = places.Select(p => Option(p, spec, at)).ToList();
        var quote = new QuoteRecord(MarketIds.Quote(), spec.Tenant, text, JsonSerializer.Serialize(quoted, ProtocolJson.Options), at, at + market.Value.QuoteLifetime);
        await store.SaveQuoteAsync(quote, cancellationToken).ConfigureAwait(false);
        return new QuotedSpec(quote, quoted);
    }

    /// <summary>A kept quote the actor may see; null when there is none or it is another tenant's.</summary>
    public async Task<QuotedSpec?> GetAsync(Actor actor, string id, CancellationToken cancellationToken)
    {
        var quote = await store.GetQuoteAsync(id, cancellationToken).ConfigureAwait(false);
        if (quote is null || !actor.Sees(quote.Tenant))
        {
            return null;
        }

        return new QuotedSpec(quote, JsonSerializer.Deserialize<List<QuoteOptionView>>(quote.Options, ProtocolJson.Options) ?? []);
    }

    private QuoteOptionView Option(QuotedPlace place, JobSpec spec, DateTimeOffset at)
    {
        var money = market.Value;
        var o = place.Option;
        var rate = money.RateOf(o.Currency) ?? 1m;
        var (reserve, _, error) = Reservations.For(spec, o.PricePerCardHour * rate * o.Cards, money.RateOf, money.Currency);
        var epoch = at.ToUnixTimeMilliseconds() / 1000.0;
        return new QuoteOptionView(
            place.Site,
            place.Pool,
            place.Model,
            o.Cards,
            MinorUnits.FormatRate(o.PricePerCardHour, o.Currency),
            o.Currency,
            MinorUnits.Format(MinorUnits.Round(o.PricePerCardHour * rate * o.Cards * (decimal)(o.RuntimeSeconds / 3600.0), money.Currency), money.Currency),
            error is null ? MinorUnits.Format(reserve, money.Currency) : null,
            at.AddSeconds(Math.Max(0, o.StartSeconds - epoch)),
            at.AddSeconds(Math.Max(0, o.FinishSeconds - epoch)),
            Math.Round(o.KgCo2, 3));
    }
}
