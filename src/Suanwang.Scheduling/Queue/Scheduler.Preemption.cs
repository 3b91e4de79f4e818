namespace Suanwang.Scheduling.Queue;

/// <summary>Preemption of spot work for a blocked job that is not spot (kube-scheduler's PostFilter).</summary>
public sealed partial class Scheduler
{
    private int[] _hypothetical = [];
    private int _spotCardsTotal;

    private bool TryPreempt(QueuedJob job, double now)
    {
        if (_spotCardsTotal == 0)
        {
            // No spot work runs anywhere: nothing to preempt, and no need to look at every pool.
            return false;
        }

        // Choose the usable pool where the fewest spot cards must go; newest spot jobs go first
        // because they lose the least work.
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

            var spotCards = SpotCards(pool);
            var shape = _state.ShapeOn(job.Request, pool);
            var shortfall = shape.Cards - _state.PoolFreeCards[pool];
            if (spotCards == 0 || shortfall <= 0 || spotCards < shortfall || shortfall >= bestVictimCards)
            {
                continue;
            }

            if (FitsWithoutSpot(pool, shape))
            {
                bestPool = pool;
                bestVictimCards = shortfall;
            }
        }

        if (bestPool < 0)
        {
            return false;
        }

        var victims = _runningByPool[bestPool].Where(r => IsVictim(r)).OrderByDescending(r => r.StartTime).ThenByDescending(r => r.Sequence).ToList();
        foreach (var victim in victims)
        {
            Stop(victim);
            _queue.Enqueue(victim);
            _decisions.Add(new Decision(DecisionKind.Preempted, victim, default, $"preempted for job {job.Request.JobId}"));
            var placement = _engine.Describe(job.Request, bestPool);
            if (TryStart(job, placement, now))
            {
                return true;
            }
        }

        throw new InvalidOperationException("preemption freed every spot card but the job still did not fit");
    }

    private bool IsVictim(QueuedJob running) =>
        // A spot job started in this same cycle is not preempted: it would restart at once, having done nothing.
        running.Request.Spot && running.StartCycle != _cycle;

    private int SpotCards(int pool)
    {
        if (_spotCards[pool] == 0)
        {
            return 0;
        }

        var cards = 0;
        foreach (var running in _runningByPool[pool])
        {
            if (IsVictim(running))
            {
                cards += running.Allocation!.Value.Cards;
            }
        }

        return cards;
    }

    private bool FitsWithoutSpot(int pool, State.JobShape shape)
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
            if (IsVictim(running))
            {
                var allocation = running.Allocation!.Value;
                for (var i = 0; i < allocation.Nodes; i++)
                {
                    free[allocation.Node(i)] += allocation.CardsPerNode;
                }
            }
        }

        var ready = 0;
        foreach (var f in free)
        {
            if (f >= shape.CardsPerNode)
            {
                ready++;
            }
        }

        return ready >= shape.Nodes;
    }
}
