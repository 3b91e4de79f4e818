using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>
/// EASY backfill's promise to the first blocked job: on the pool reserved for it, a later job may
/// start only if it ends before the reservation's start (the shadow time) or uses only cards the
/// blocked job will not need then (Lifka, "The ANL/IBM SP scheduling system", 1995).
/// </summary>
public sealed class ReservationFilter : IFilterPlugin
{
    private int _pool = -1;
    private double _shadow;
    private int _extra;

    /// <inheritdoc />
    public string Name => "Reservation";

    /// <summary>True while a reservation is held.</summary>
    public bool Active => _pool >= 0;

    /// <summary>The reserved pool, or -1.</summary>
    public int Pool => _pool;

    /// <summary>When the blocked job is expected to start.</summary>
    public double Shadow => _shadow;

    /// <summary>Cards free at the shadow time beyond what the blocked job needs.</summary>
    public int ExtraCards => _extra;

    /// <summary>Reserves <paramref name="pool"/> from <paramref name="shadow"/> with <paramref name="extra"/> spare cards.</summary>
    public void Hold(int pool, double shadow, int extra)
    {
        _pool = pool;
        _shadow = shadow;
        _extra = extra;
    }

    /// <summary>Drops the reservation.</summary>
    public void Clear() => _pool = -1;

    /// <summary>Accounts a backfilled job that took spare cards on the reserved pool.</summary>
    public void Consume(in PlacementRequest job, ClusterState state, int pool, double now)
    {
        if (pool == _pool && !EndsBeforeShadow(job, state, pool, now))
        {
            _extra -= state.ShapeOn(job, pool).Cards;
        }
    }

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        if (_pool < 0)
        {
            return;
        }

        var pools = candidates.Raw;
        var n = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var p = pools[i];
            if (p != _pool || Allowed(job, state, p, now))
            {
                pools[n++] = p;
            }
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool) =>
        _pool < 0 || pool != _pool || Allowed(job, state, pool, now);

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool) =>
        pool != _pool || Allowed(job, state, pool, now)
            ? Status.Success
            : Status.Unschedulable($"cards are reserved for an earlier job from t={_shadow:0}s");

    private bool Allowed(in PlacementRequest job, ClusterState state, int pool, double now) =>
        EndsBeforeShadow(job, state, pool, now) || state.ShapeOn(job, pool).Cards <= _extra;

    private bool EndsBeforeShadow(in PlacementRequest job, ClusterState state, int pool, double now) =>
        now + state.TransferSecondsTo(job, pool) + state.RuntimeOn(job, pool) <= _shadow;
}
