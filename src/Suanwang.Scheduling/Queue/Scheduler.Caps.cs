namespace Suanwang.Scheduling.Queue;

/// <summary>Per-tenant caps on the cards running jobs hold at once.</summary>
public sealed partial class Scheduler
{
    private readonly Dictionary<int, int> _tenantCards = [];
    private Func<int, int>? _cardCap;

    /// <summary>
    /// Sets each tenant's cap on cards held at once (<see cref="int.MaxValue"/> for none), or null
    /// for no caps. A waiting job that would take its tenant over the cap is passed over, neither
    /// started nor given the backfill reservation; the first time, a <see cref="DecisionKind.Held"/>
    /// decision says why. Jobs already running are never stopped for a cap.
    /// </summary>
    public void SetCardCaps(Func<int, int>? cap) => _cardCap = cap;

    /// <summary>Cards the tenant's running jobs hold now.</summary>
    public int CardsHeldBy(int tenant) => _tenantCards.GetValueOrDefault(tenant);

    // The job's nominal cards (a lower bound for a job that asks for P) checked before it is tried.
    private bool OverCap(QueuedJob job)
    {
        if (_cardCap is null)
        {
            return false;
        }

        var tenant = job.Request.Tenant;
        var cap = _cardCap(tenant);
        var held = CardsHeldBy(tenant);
        var need = job.Request.NominalCards;
        if (held + need <= cap)
        {
            job.Capped = false;
            return false;
        }

        if (!job.Capped)
        {
            job.Capped = true;
            _decisions.Add(new Decision(DecisionKind.Held, job, default, $"waits for its tenant's cards: its tenant's running jobs hold {held} of the {cap} cards it may hold at once, and this job needs {need}"));
        }

        return true;
    }

    // The exact check once the placement's shape is known.
    private bool OverCap(QueuedJob job, int cards) =>
        _cardCap is not null && CardsHeldBy(job.Request.Tenant) + cards > _cardCap(job.Request.Tenant);

    private void CountCards(QueuedJob job, int cards)
    {
        var tenant = job.Request.Tenant;
        var held = CardsHeldBy(tenant) + cards;
        if (held == 0)
        {
            _tenantCards.Remove(tenant);
        }
        else
        {
            _tenantCards[tenant] = held;
        }
    }
}
