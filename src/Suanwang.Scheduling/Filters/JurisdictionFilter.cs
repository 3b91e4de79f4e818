using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>Keeps pools in countries (and zones) where the job and its data may be.</summary>
public sealed class JurisdictionFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "Jurisdiction";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        var allowed = job.AllowedCountries;
        if (allowed.IsAll && job.AllowedZones is null)
        {
            return;
        }

        var pools = candidates.Raw;
        var site = state.PoolSite;
        var country = state.SiteCountry;
        var zones = job.AllowedZones;
        var count = candidates.Count;
        var n = 0;
        if (zones is null)
        {
            // Countries only: a bit test per pool, branch-free.
            Span<ulong> words = [allowed.W0, allowed.W1, allowed.W2, allowed.W3];
            for (var i = 0; i < count; i++)
            {
                var p = pools[i];
                var c = country[site[p]];
                pools[n] = p;
                n += (int)((words[c >> 6] >> (c & 63)) & 1UL);
            }

            candidates.Truncate(n);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var p = pools[i];
            var s = site[p];
            if (allowed.Contains(country[s]) && ZoneAllowed(zones, state, s))
            {
                pools[n++] = p;
            }
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool) =>
        (job.AllowedCountries.IsAll && job.AllowedZones is null) ||
        (job.AllowedCountries.Contains(state.SiteCountry[state.PoolSite[pool]]) && ZoneAllowed(job.AllowedZones, state, state.PoolSite[pool]));

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool)
    {
        var s = state.PoolSite[pool];
        var where = state.Network.Sites[s].Jurisdiction;
        if (!job.AllowedCountries.Contains(state.SiteCountry[s]))
        {
            return Status.Unresolvable($"jurisdiction {where} is outside what the job allows");
        }

        return ZoneAllowed(job.AllowedZones, state, s)
            ? Status.Success
            : Status.Unresolvable($"zone of {where} is not among the job's allowed zones");
    }

    private static bool ZoneAllowed(string[]? zones, ClusterState state, int site)
    {
        if (zones is null)
        {
            return true;
        }

        // Entries are "CC" (whole country) or "CC:zone", country upper-cased; compared in place so the filter does not allocate.
        var country = state.Network.Sites[site].Jurisdiction.Country;
        var zone = state.SiteZone[site];
        foreach (var entry in zones)
        {
            if (entry.Length == country.Length
                ? entry == country
                : zone is not null && entry.Length == country.Length + 1 + zone.Length && entry.StartsWith(country, StringComparison.Ordinal) &&
                  entry[country.Length] == ':' && entry.AsSpan(country.Length + 1).Equals(zone, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
