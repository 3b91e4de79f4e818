using System.Runtime.CompilerServices;
using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.Engine;

/// <summary>
/// Feasibility pool by pool. Each decision first drops the filters that cannot reject any pool
/// the descent may reach (a job for any country meets no jurisdiction rule; the model, memory and
/// time limit are the same on every pool of a class and were settled for the whole class), and
/// asks the built-in ones through their own sealed types rather than through the interface.
/// </summary>
internal sealed partial class PlacementIndex
{
    private const int OtherKind = 0;
    private const int AcceleratorKind = 1;
    private const int TimeLimitKind = 2;
    private const int BudgetKind = 3;
    private const int FitsKind = 4;
    private const int SiteUpKind = 5;
    private const int JurisdictionKind = 6;
    private const int PinnedKind = 7;
    private const int ContactKind = 8;
    private const int BlockKind = 9;
    private const int ReservationKind = 10;

    private readonly int[] _filterKind;
    private readonly int[] _active;
    private int _activeCount;
    private bool _siteUpNeeded;

    // Free cards some node of a pool must have: the one-node gang's size, else 0 (asked through FitsFilter).
    private int _fitsCards;

    // The filters ClassMayPass asks for a whole class at once, in the profile's order.
    private readonly int[] _classFilters;

    private static int KindOf(IFilterPlugin filter) => filter switch
    {
        AcceleratorFilter => AcceleratorKind,
        TimeLimitFilter => TimeLimitKind,
        BudgetFilter => BudgetKind,
        FitsFilter => FitsKind,
        SiteUpFilter => SiteUpKind,
        JurisdictionFilter => JurisdictionKind,
        PinnedSiteFilter => PinnedKind,
        ContactWindowFilter => ContactKind,
        BlockFilter => BlockKind,
        ReservationFilter => ReservationKind,
        _ => OtherKind,
    };

    /// <summary>
    /// Keeps the filters that may reject a pool of a live class, in the profile's order; the two
    /// every job meets (the site is up, a node has the cards free) become flags read inline.
    /// </summary>
    private void ChooseFilters(in PlacementRequest job)
    {
        _activeCount = 0;
        _siteUpNeeded = false;
        _fitsCards = 0;
        for (var f = 0; f < _filters.Length; f++)
        {
            var needed = _filterKind[f] switch
            {
                // Decided for the whole class by ClassMayPass.
                AcceleratorKind or TimeLimitKind => false,
                BudgetKind => !double.IsPositiveInfinity(job.Budget),
                // Classes of one country were chosen by the allowed set already.
                JurisdictionKind => !(job.AllowedCountries.IsAll && job.AllowedZones is null) && !(_countriesKnown && job.AllowedZones is null),
                PinnedKind => job.PinnedSite >= 0,
                ContactKind => _state.HasOrbitalSites,
                BlockKind => _state.HasBlocks,
                ReservationKind => ((ReservationFilter)_filters[f]).Active,
                _ => true,
            };
            if (!needed)
            {
                continue;
            }

            if (_filterKind[f] == SiteUpKind)
            {
                _siteUpNeeded = true;
            }
            else if (_filterKind[f] == FitsKind && job.TotalCards <= 0 && !job.AsksForPflops && job.Nodes == 1)
            {
                // FitsFilter.Passes for a one-node gang whose size does not depend on the pool.
                _fitsCards = job.CardsPerNode;
            }
            else
            {
                _active[_activeCount++] = f;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Feasible(in PlacementRequest job, double now, int pool) =>
        _checked[pool] == _stamp ? _feasible[pool] : Check(job, now, pool);

    private bool Check(in PlacementRequest job, double now, int pool)
    {
        // Every filter is a pure test, so they may be asked in any order.
        var ok = (!_siteUpNeeded || _state.SiteUp[_state.PoolSite[pool]]) && _state.PoolMaxNodeFree[pool] >= _fitsCards;
        for (var i = 0; i < _activeCount && ok; i++)
        {
            var f = _active[i];
            var filter = _filters[f];
            ok = _filterKind[f] switch
            {
                FitsKind => ((FitsFilter)filter).Passes(job, _state, now, pool),
                JurisdictionKind => ((JurisdictionFilter)filter).Passes(job, _state, now, pool),
                BudgetKind => ((BudgetFilter)filter).Passes(job, _state, now, pool),
                ContactKind => ((ContactWindowFilter)filter).Passes(job, _state, now, pool),
                _ => filter.Passes(job, _state, now, pool),
            };
        }

        _checked[pool] = _stamp;
        _feasible[pool] = ok;
        return ok;
    }

    /// <summary>
    /// False when a filter rules out every pool of class <paramref name="c"/> at once, so the
    /// class is not walked pool by pool; true says nothing, except that the model, memory and
    /// time limit pass on every pool of the class.
    /// </summary>
    private bool ClassMayPass(in PlacementRequest job, double now, int c)
    {
        var start = _classStart[c];
        foreach (var f in _classFilters)
        {
            var filter = _filters[f];
            var passes = _filterKind[f] switch
            {
                // They read only the model's numbers and the run time, which the class shares.
                AcceleratorKind => ((AcceleratorFilter)filter).Passes(job, _state, now, _grouped[start]),
                TimeLimitKind => ((TimeLimitFilter)filter).Passes(job, _state, now, _grouped[start]),

                // Cost rises with price: when the cheapest pool is over budget, all are.
                BudgetKind => double.IsPositiveInfinity(job.Budget) || ((BudgetFilter)filter).Passes(job, _state, now, _order[job.Spot ? SpotList : PriceList][start]),

                // A pool that fits the gang has at least its cards free.
                _ => _state.MaxPoolFreeCards(_classModel[c]) >= _cards[c],
            };
            if (!passes)
            {
                return false;
            }
        }

        return true;
    }
}
