using System.Globalization;
using Suanwang.Core.Jobs;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// Resizing elastic jobs, greedily and one job per pass: shrink one to admit a waiting job that
/// does not fit, else grow one into idle cards on its node, choosing the step with the largest
/// marginal speed-up per card from its scaling table. A job is resized at most once per
/// <see cref="DispatchOptions.ResizeAfter"/> of running. Each resize is a checkpoint-restart.
/// </summary>
public sealed partial class LiveScheduler
{
    /// <summary>Growing must add at least this much speed-up per added card (relative to one card).</summary>
    public const double MinGainPerCard = 0.05;

    private bool ResizeElastic(double now)
    {
        if (_scheduler.Waiting > 0)
        {
            return ShrinkForWaiting(now);
        }

        TrackedJob? pick = null;
        var pickCards = 0;
        var pickGain = 0.0;
        foreach (var tracked in _jobs.Values)
        {
            if (!IsRunningFor(tracked, now, _options.ResizeAfter) || _specs[tracked.Id].Elastic is not { } elastic)
            {
                continue;
            }

            var allocation = tracked.Allocation!.Value;
            var cards = allocation.CardsPerNode;
            var idle = _state.NodeFree[_state.PoolNodeStart[allocation.Pool] + allocation.FirstNode];
            var most = Math.Min(elastic.MaxCards, cards + idle);
            for (var next = cards + 1; next <= most; next++)
            {
                var gain = (elastic.SpeedupAt(next) - elastic.SpeedupAt(cards)) / (next - cards);
                if (gain >= MinGainPerCard && gain > pickGain)
                {
                    (pick, pickCards, pickGain) = (tracked, next, gain);
                }
            }
        }

        if (pick is null)
        {
            return false;
        }

        Resize(pick, pickCards, now, string.Create(CultureInfo.InvariantCulture, $"grows to {pickCards} idle cards (+{pickGain:0.##} speed-up per card)"));
        return true;
    }

    // The first waiting job that an elastic job on a pool it may use could make room for, keeping
    // the elastic job at the most cards that still let the waiting one fit.
    private bool ShrinkForWaiting(double now)
    {
        _victims.Clear();
        foreach (var tracked in _jobs.Values)
        {
            if (IsRunningFor(tracked, now, _options.ResizeAfter) && _specs[tracked.Id].Elastic is { } elastic && tracked.Allocation!.Value.CardsPerNode > elastic.MinCards)
            {
                _victims.Add(tracked);
            }
        }

        if (_victims.Count == 0)
        {
            return false;
        }

        foreach (var waiting in _jobs.Values)
        {
            if (!IsWaiting(waiting))
            {
                continue;
            }

            var request = waiting.Job!.Request;
            foreach (var pool in _static.FeasiblePools(request, now))
            {
                var shape = _state.ShapeOn(request, pool);
                if (shape.Nodes != 1 || !_state.SiteUp[_state.PoolSite[pool]])
                {
                    continue;
                }

                foreach (var tracked in _victims)
                {
                    var allocation = tracked.Allocation!.Value;
                    var elastic = _specs[tracked.Id].Elastic!;
                    if (allocation.Pool != pool)
                    {
                        continue;
                    }

                    var idle = _state.NodeFree[_state.PoolNodeStart[pool] + allocation.FirstNode];
                    var keep = Math.Min(allocation.CardsPerNode - 1, allocation.CardsPerNode + idle - shape.CardsPerNode);
                    if (keep >= elastic.MinCards)
                    {
                        Resize(tracked, keep, now, string.Create(CultureInfo.InvariantCulture, $"shrinks to {keep} cards to admit job {waiting.Id}"));
                        return true;
                    }
                }
            }

            return false;
        }

        return false;
    }

    private void Resize(TrackedJob tracked, int cards, double now, string why)
    {
        var from = tracked.Allocation!.Value.CardsPerNode;
        tracked.Cards = cards;
        StopForCheckpoint(tracked, now, string.Create(CultureInfo.InvariantCulture, $"resized from {from} to {cards} cards: {why}; it resumes from its checkpoint"));
    }
}
