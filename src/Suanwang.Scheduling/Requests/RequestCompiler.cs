using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;

namespace Suanwang.Scheduling.Requests;

/// <summary>Turns a user's <see cref="JobSpec"/> into the engine's compact <see cref="PlacementRequest"/>.</summary>
public sealed class RequestCompiler
{
    private readonly Network _network;

    /// <summary>Creates a compiler for jobs placed on <paramref name="network"/>.</summary>
    public RequestCompiler(Network network) => _network = network;

    /// <summary>
    /// Resolves models, data residency, budget and the site the job is pinned to (by id; null for
    /// any); throws <see cref="InputException"/> naming the field when the spec cannot run on this
    /// network under any load or names a site the network lacks (field <c>site</c>).
    /// </summary>
    public PlacementRequest Compile(JobSpec spec, long jobId, int tenant, double submitTime, string source, string? pinnedSite = null)
    {
        var pinned = -1;
        if (pinnedSite is not null)
        {
            pinned = _network.IndexOf(pinnedSite);
            if (pinned < 0)
            {
                throw new InputException(source, 0, "site", $"site '{pinnedSite}' is not in network '{_network.Name}'");
            }
        }

        var catalog = _network.Catalog;
        var resources = spec.Resources;
        var mask = ulong.MaxValue;
        byte[]? rank = null;
        if (resources.Accelerators.Count > 0)
        {
            mask = 0;
            var preference = resources.Choice == AcceleratorChoice.Preference && resources.Accelerators.Count > 1;
            if (preference)
            {
                rank = new byte[catalog.Count];
                Array.Fill(rank, byte.MaxValue);
            }

            for (var i = 0; i < resources.Accelerators.Count; i++)
            {
                var m = catalog.IndexOf(resources.Accelerators[i]);
                if (m < 0)
                {
                    throw new InputException(source, 0, "resources.accelerators", $"'{resources.Accelerators[i]}' is not in the accelerator catalog");
                }

                mask |= 1UL << m;
                if (rank is not null)
                {
                    rank[m] = (byte)Math.Min(i, 254);
                }
            }
        }

        var referenceId = spec.ReferenceModel ?? (resources.Accelerators.Count > 0 ? resources.Accelerators[0] : null);
        var referenceTflops = 0.0;
        if (referenceId is not null)
        {
            var r = catalog.IndexOf(referenceId);
            if (r < 0)
            {
                throw new InputException(source, 0, "reference_model", $"'{referenceId}' is not in the accelerator catalog");
            }

            referenceTflops = catalog[r].Fp16Tflops;
        }

        var (allowed, zones) = Jurisdictions(spec);
        return new PlacementRequest
        {
            JobId = jobId,
            Tenant = tenant,
            CardsPerNode = resources.CardsPerNode,
            Nodes = resources.Nodes,
            Pflops = resources.Pflops ?? 0,
            ModelMask = mask,
            ModelRank = rank,
            MinMemoryGiB = resources.MinMemoryGiB,
            RuntimeSeconds = spec.EstimatedRuntimeSeconds,
            ReferenceTflops = referenceTflops,
            // Without a reference model there is nothing to scale against: the estimate holds everywhere.
            ScaleRuntime = spec.ScaleRuntime && referenceTflops > 0,
            TimeLimitSeconds = spec.TimeLimitSeconds ?? double.PositiveInfinity,
            Priority = spec.Priority,
            Spot = spec.Spot,
            Budget = Budget(spec, source),
            AllowedCountries = allowed,
            AllowedZones = zones,
            Inputs = Inputs(spec, source),
            SubmitTime = submitTime,
            PinnedSite = pinned,
        };
    }

    private double Budget(JobSpec spec, string source)
    {
        if (spec.Budget is not { } budget)
        {
            return double.PositiveInfinity;
        }

        if (budget.Currency != _network.Currency && !_network.ExchangeRates.ContainsKey(budget.Currency))
        {
            throw new InputException(source, 0, "budget.currency", $"no published rate from {budget.Currency} to {_network.Currency}");
        }

        return (double)_network.ToBase(budget.Amount, budget.Currency);
    }

    private TransferSource[]? Inputs(JobSpec spec, string source)
    {
        if (spec.Inputs.Count == 0)
        {
            return null;
        }

        var result = new TransferSource[spec.Inputs.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var input = spec.Inputs[i];
            var site = -1;
            if (input.Site is not null)
            {
                site = _network.IndexOf(input.Site);
                if (site < 0)
                {
                    throw new InputException(source, 0, $"inputs[{i}].site", $"site '{input.Site}' is not in network '{_network.Name}'");
                }

                var held = _network.Sites[site].Jurisdiction;
                if (!input.Jurisdiction.Contains(held))
                {
                    throw new InputException(source, 0, $"inputs[{i}].jurisdiction", $"the data is said to be under {input.Jurisdiction} but site '{input.Site}' is in {held}");
                }
            }

            result[i] = new TransferSource(site, input.SizeGB);
        }

        return result;
    }

    private static (CountrySet Allowed, string[]? Zones) Jurisdictions(JobSpec spec)
    {
        var allowed = CountrySet.All;
        List<string>? zones = null;
        if (spec.AllowedJurisdictions.Count > 0)
        {
            allowed = CountrySet.None;
            foreach (var j in spec.AllowedJurisdictions)
            {
                allowed = allowed.With(CountryCodes.IndexOf(j.Country));
            }

            if (spec.AllowedJurisdictions.Any(j => j.Zone is not null))
            {
                zones = spec.AllowedJurisdictions.Select(j => j.ToString()).ToList();
            }
        }

        // Declared input classes (inputs[].class) are decided by the data-law engine at admission,
        // which narrows the allowed jurisdictions this reads; nothing here decides residency.
        return (allowed, zones?.ToArray());
    }
}
