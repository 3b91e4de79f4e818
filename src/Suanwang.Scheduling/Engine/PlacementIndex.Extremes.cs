using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.Engine;

/// <summary>
/// The lowest and highest cost of one score over the feasible pools of the live classes: the
/// numbers the scan normalises by. Costs rise along each class's sorted order, so a class's
/// cheapest (dearest) feasible pool is the first feasible one from that end, and a class whose
/// cheapest pool of all costs no less than the lowest found cannot lower it.
/// </summary>
internal sealed partial class PlacementIndex
{
    private readonly double[] _guardLow;
    private readonly double[] _guardHigh;

    /// <summary>Lowest and highest cost of score <paramref name="s"/>, ranked by sorted list <paramref name="list"/>, over the feasible pools.</summary>
    private (double Min, double Max) Extremes(in PlacementRequest job, double now, int s, int list)
    {
        var order = _order[list];
        var lo = 0;
        var hi = 0;
        for (var i = 0; i < _liveCount; i++)
        {
            var c = _live[i];
            _guardLow[i] = Cost(s, order[_classStart[c]], c);
            _guardHigh[i] = Cost(s, order[_classStart[c + 1] - 1], c);
            lo = _guardLow[i] < _guardLow[lo] ? i : lo;
            hi = _guardHigh[i] > _guardHigh[hi] ? i : hi;
        }

        // Starting from the class whose cheapest pool costs least (and dearest most), the guards pass over most of the others.
        var min = Lowest(job, now, s, list, _live[lo]);
        var max = Highest(job, now, s, order, _live[hi]);
        for (var i = 0; i < _liveCount; i++)
        {
            if (i != lo && _guardLow[i] < min)
            {
                min = Math.Min(min, Lowest(job, now, s, list, _live[i]));
            }

            if (i != hi && _guardHigh[i] > max)
            {
                max = Math.Max(max, Highest(job, now, s, order, _live[i]));
            }
        }

        return (min, max);
    }

    /// <summary>Lowest and highest model preference over the live classes (every live class has a feasible pool).</summary>
    private (double Min, double Max) PreferenceExtremes()
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var i = 0; i < _liveCount; i++)
        {
            var c = _live[i];
            min = Math.Min(min, _preference[c]);
            max = Math.Max(max, _preference[c]);
        }

        return (min, max);
    }

    private double Lowest(in PlacementRequest job, double now, int s, int list, int c)
    {
        var order = _order[list];

        // The first used list's first feasible pools were found when the live classes were chosen.
        var position = list == _usedLists[0] ? _firstFeasible[c] : FirstFeasible(job, now, order, _classStart[c], _classStart[c + 1], 1);
        return Cost(s, order[position], c);
    }

    private double Highest(in PlacementRequest job, double now, int s, int[] order, int c) =>
        Cost(s, order[FirstFeasible(job, now, order, _classStart[c + 1] - 1, _classStart[c] - 1, -1)], c);
}
