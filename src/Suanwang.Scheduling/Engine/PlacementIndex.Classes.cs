using System.Numerics;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.Engine;

/// <summary>
/// Which classes a job may use. Classes are grouped once by model (and, in the index split by
/// country, by country), so a decision reaches the classes of its models and countries directly
/// instead of testing every class of the network against its model mask and country set.
/// </summary>
internal sealed partial class PlacementIndex
{
    // Country sets are 256 bits over CountryCodes indices.
    private const int CountrySlots = 256;

    // Jobs allowed in more countries than this test every class, as a walk over their countries would cost more.
    private const int FewCountries = 16;

    // Classes of each model (index not split by country) or of each country (split index).
    private readonly int[][] _modelClasses;
    private readonly int[][] _countryClasses;

    // Classes neither grouping can place (a model past the mask's 64 bits, a country outside the code table), tested one by one.
    private int[] _ungrouped = [];

    /// <summary>Fills <c>_live</c> with the classes of the job's models in its allowed countries.</summary>
    private int SelectClasses(in PlacementRequest job)
    {
        var mask = job.ModelMask;
        var allowed = job.AllowedCountries;
        var n = 0;
        if (_countryClasses.Length > 0)
        {
            if (BitOperations.PopCount(allowed.W0) + BitOperations.PopCount(allowed.W1) + BitOperations.PopCount(allowed.W2) + BitOperations.PopCount(allowed.W3) > FewCountries)
            {
                return SelectEveryClass(job);
            }

            for (var w = 0; w < 4; w++)
            {
                var word = w switch { 0 => allowed.W0, 1 => allowed.W1, 2 => allowed.W2, _ => allowed.W3 };
                while (word != 0)
                {
                    var country = (w * 64) + BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    foreach (var c in _countryClasses[country])
                    {
                        if (((mask >> _classModel[c]) & 1UL) != 0)
                        {
                            _live[n++] = c;
                        }
                    }
                }
            }
        }
        else
        {
            var models = mask;
            while (models != 0)
            {
                var m = BitOperations.TrailingZeroCount(models);
                models &= models - 1;
                foreach (var c in _modelClasses[m])
                {
                    _live[n++] = c;
                }
            }
        }

        foreach (var c in _ungrouped)
        {
            if (Allows(job, c))
            {
                _live[n++] = c;
            }
        }

        return n;
    }

    private int SelectEveryClass(in PlacementRequest job)
    {
        var n = 0;
        for (var c = 0; c < _classCount; c++)
        {
            if (Allows(job, c))
            {
                _live[n++] = c;
            }
        }

        return n;
    }

    /// <summary>Whether the job's model mask takes class <paramref name="c"/>'s model and its country set the class's country (-1: not split by country).</summary>
    private bool Allows(in PlacementRequest job, int c) =>
        ((job.ModelMask >> _classModel[c]) & 1UL) != 0 && (_classCountry[c] < 0 || job.AllowedCountries.Contains(_classCountry[c]));

    private (int[][] ByModel, int[][] ByCountry) GroupClasses(bool byCountry)
    {
        var byModel = new List<int>[64];
        var byCountryLists = new List<int>[byCountry ? CountrySlots : 0];
        var ungrouped = new List<int>();
        for (var c = 0; c < _classCount; c++)
        {
            var model = _classModel[c];
            var country = _classCountry[c];
            if (model is < 0 or >= 64 || (byCountry && country is < 0 or >= CountrySlots))
            {
                ungrouped.Add(c);
            }
            else if (byCountry)
            {
                (byCountryLists[country] ??= []).Add(c);
            }
            else
            {
                (byModel[model] ??= []).Add(c);
            }
        }

        _ungrouped = [.. ungrouped];
        return (
            byCountry ? [] : [.. byModel.Select(l => l?.ToArray() ?? [])],
            [.. byCountryLists.Select(l => l?.ToArray() ?? [])]);
    }
}
