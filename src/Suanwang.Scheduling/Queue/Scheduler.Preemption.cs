namespace Suanwang.Scheduling.Queue;

/// <summary>
/// Preemption for a blocked job (kube-scheduler's PostFilter): of spot work for a job that is not
/// spot, and under a preemptive queue policy of preemptible jobs the policy ranks below it.
/// </summary>
public sealed partial class Scheduler
{
    private int[] _hypothetical = [];
    private int _spotCardsTotal;

    private bool TryPreempt(QueuedJob job, double now)
    {
        var preemptive = _queue as IPreemptiveQueuePolicy;
        if (_spotCardsTotal == 0 && preemptive is null)
        {
            // No spot work runs anywhere: nothing to preempt, and no need to look at every pool.
            return false;
        }

        // Choose the usable pool where the fewest cards must go. Spot jobs go first, then the
        // lowest-ranked preemptible ones; among equals the newest, because they lose the least work.
        var bestPool = -1;
        var bestVictimCards = int.MaxValue;
        foreach (var pool in _static.FeasiblePools(job.Request, now))
        {
            var site = _state.PoolSite[pool];
            // Preempting on a pool where other tenants' blocks hold cards could free cards the
            // job may not take (and stopping a block tenant's spot job holds more): left alone.
            if (!_state.SiteUp[site] || !_state.SiteInContact[site] || _state.HeldFromOthers(pool, job.Request.Tenant) > 0)
            {
                continue;
            }

            var victimCards = VictimCards(pool, job, now);
            var shape = _state.ShapeOn(job.Request, pool);
            var shortfall = shape.Cards - _state.PoolFreeCards[pool];
            if (victimCards == 0 || shortfall <= 0 || victimCards < shortfall || shortfall >= bestVictimCards)
            {
                continue;
            }

            if (FitsWithoutVictims(pool, shape, job, now))
            {
                bestPool = pool;
                bestVictimCards = shortfall;
            }
        }

        if (bestPool < 0)
        {
            return false;
        }

        var victims = _runningByPool[bestPool]
            .Where(r => IsVictim(r, job, now))
            .OrderByDescending(r => r.Request.Spot)
            .ThenByDescending(r => preemptive?.Rank(r, now) ?? 0)
            .ThenByDescending(r => r.StartTime)
            .ThenByDescending(r => r.Sequence)
            .ToList();
        foreach (var victim in victims)
        {
            Stop(victim, now, finished: false);
            _queue.Enqueue(victim);
            _decisions.Add(new Decision(DecisionKind.Preempted, victim, default, $"preempted for job {job.Request.JobId}"));
            var placement = _engine.Describe(job.Request, bestPool);
            if (TryStart(job, placement, now))
            {
                return true;
            }
        }

        throw new InvalidOperationException("preemption freed every victim's cards but the job still did not fit");
    }

    // A job started in this same cycle is not preempted: it would restart at once, having done nothing.
    // Spot work never preempts work that is not spot, whatever the policy's order: otherwise a spot
    // job and the job that preempted it could take the cards from each other back and forth.
    private bool IsVictim(QueuedJob running, QueuedJob job, double now) =>
        running.StartCycle != _cycle &&
        ((_options.PreemptSpot && !job.Request.Spot && running.Request.Spot) ||
         (running.Request.Preemptible && (!job.Request.Spot || running.Request.Spot) &&
          _queue is IPreemptiveQueuePolicy preemptive && preemptive.Outranks(job, running, now)));

    private int VictimCards(int pool, QueuedJob job, double now)
    {
        if (_spotCards[pool] == 0 && _queue is not IPreemptiveQueuePolicy)
        {
            return 0;
        }

        var cards = 0;
        foreach (var running in _runningByPool[pool])
        {
            if (IsVictim(running, job, now))
            {
                cards += running.Allocation!.Value.Cards;
            }
        }

        return cards;
    }

    private bool FitsWithoutVictims(int pool, State.JobShape shape, QueuedJob job, double now)
    {
        var nodes = _state.PoolNodes[pool];
        if (_hypothetical.Length < nodes)
        {
            _hypothetical = new int[nodes];
        }

        var free = _hypothetical.AsSpan(0, nodes);
        _state.NodeFree.AsSpan(_state.PoolNodeStart[pool], nodes).CopyTo(free);
        foreach (var running in _runningByPool[pool])
        {
            if (IsVictim(running, job, now))
            {
                running.Allocation!.Value.ReturnTo(free);
            }
        }

        return shape.FitsIn(free);
    }
}
