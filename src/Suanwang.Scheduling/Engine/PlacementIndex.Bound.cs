using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Suanwang.Scheduling.Engine;

/// <summary>
/// The bound of a tree node, in closed form. Within a class every ranked cost is linear in its
/// pool's number (wait plus run time plus transfer; price x cards x run time; board power x cards
/// x run time x carbon) and the preference is a constant, so once a decision knows the
/// normalisation of each score, the score at a node's least numbers is one constant per class
/// minus one weighted sum of those numbers. The constants are set once per decision for the live
/// classes; a node's bound then costs a few multiply-adds instead of each plugin's formula.
/// </summary>
internal sealed partial class PlacementIndex
{
    // Rounding apart, the closed form is the score at the node's least numbers; the slack (relative to
    // the largest term) keeps it above every score beneath the node, so no tie is pruned.
    private const double RelativeSlack = 1e-12;
    private const double AbsoluteSlack = 1e-9;

    private readonly double[] _boundBase;
    private readonly double[] _boundCoef;

    /// <summary>Sets each live class's constant and the weight of each number in its bounds.</summary>
    private void PrepareBounds()
    {
        for (var i = 0; i < _liveCount; i++)
        {
            var c = _live[i];
            var coef = _boundCoef.AsSpan(c * ListCount, ListCount);
            coef.Clear();
            var total = 0.0;
            var size = 0.0;
            for (var s = 0; s < _scores.Length; s++)
            {
                if (_weights[s] <= 0)
                {
                    continue;
                }

                if (_isFull[s])
                {
                    total += _full[s];
                    size += Math.Abs(_full[s]);
                    continue;
                }

                var list = _scoreList[s];
                var scale = _scale[s];

                // Term = (top - cost) x scale, with cost = per x number + fixed.
                var (per, fixedCost) = list switch
                {
                    WaitList => (1.0, _runtime[c]),
                    PriceList or SpotList => (_cards[c] * _runtime[c] / 3600.0, 0.0),
                    CarbonList => (_classWatts[c] * _cards[c] * _runtime[c] / 3600.0 / 1000.0 / 1000.0, 0.0),
                    _ => (0.0, _preference[c]),
                };
                var term = (_top[s] - fixedCost) * scale;
                total += term;
                size += Math.Abs(term) + Math.Abs(_top[s] * scale);
                if (list != NoList)
                {
                    coef[list] += per * scale;
                }
            }

            _boundBase[c] = total + (size * RelativeSlack) + AbsoluteSlack;
        }
    }

    /// <summary>Highest score any pool under <paramref name="node"/> of class <paramref name="c"/> can have: the score at the least of each number beneath it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Bound(int node, int c)
    {
        var bound = _boundBase[c] - WeightedSum(_nodeLeast, node, c);
        if (_inputs is not null)
        {
            // Completion adds the transfer, bounded beneath the node by its fastest uplink.
            bound -= _boundCoef[(c * ListCount) + WaitList] * TransferAtUplink(_nodeMaxUplink[node]);
        }

        return bound;
    }

    /// <summary>
    /// Highest score <paramref name="pool"/> of class <paramref name="c"/> can have, by the closed form: a
    /// leaf's pool below the best score found is passed over before its filters are asked. Not a
    /// bound for a pool whose transfer its uplink does not decide (see PlacementIndex.Transfer.cs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double PoolBound(int pool, int c)
    {
        var bound = _boundBase[c] - WeightedSum(_keys, pool, c);
        if (_inputs is not null)
        {
            bound -= _boundCoef[(c * ListCount) + WaitList] * TransferAtUplink(Uplink(pool));
        }

        return bound;
    }

    /// <summary>The class's weights times the four numbers of row <paramref name="row"/> of <paramref name="numbers"/> (a node's least numbers, or a pool's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double WeightedSum(double[] numbers, int row, int c)
    {
        var values = numbers.AsSpan(row * ListCount, ListCount);
        var coef = _boundCoef.AsSpan(c * ListCount, ListCount);
        if (_keysFinite)
        {
            // Unused numbers have weight 0, which is harmless while every number is finite.
            return Vector256.Dot(Vector256.Create<double>(coef), Vector256.Create<double>(values));
        }

        var sum = 0.0;
        for (var i = 0; i < _usedCount; i++)
        {
            var list = _usedLists[i];
            sum += coef[list] * values[list];
        }

        return sum;
    }
}
