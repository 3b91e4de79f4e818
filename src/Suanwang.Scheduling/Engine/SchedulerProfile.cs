using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Scores;

namespace Suanwang.Scheduling.Engine;

/// <summary>The plugins of one scheduler and how their scores are weighted; plugin names must be unique.</summary>
public sealed class SchedulerProfile
{
    /// <summary>Creates a profile; throws when two plugins share a name.</summary>
    public SchedulerProfile(IReadOnlyList<IFilterPlugin> filters, IReadOnlyList<IScorePlugin> scores, ObjectiveWeights weights, INodePacker packer)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in filters.Cast<IPlugin>().Concat(scores))
        {
            if (!names.Add(plugin.Name))
            {
                throw new ArgumentException($"two plugins are named '{plugin.Name}'", nameof(filters));
            }
        }

        Filters = filters;
        Scores = scores;
        Weights = weights;
        Packer = packer;
    }

    /// <summary>Hard rules, in the order they run (cheap and selective first).</summary>
    public IReadOnlyList<IFilterPlugin> Filters { get; }

    /// <summary>Soft preferences.</summary>
    public IReadOnlyList<IScorePlugin> Scores { get; }

    /// <summary>Objective weights.</summary>
    public ObjectiveWeights Weights { get; }

    /// <summary>How cards are packed onto nodes within a pool.</summary>
    public INodePacker Packer { get; }

    /// <summary>Every built-in filter and score with the given weights and packer.</summary>
    public static SchedulerProfile Default(ObjectiveWeights weights, INodePacker? packer = null) => new(
        [
            new AcceleratorFilter(),
            new JurisdictionFilter(),
            new PinnedSiteFilter(),
            new SiteUpFilter(),
            new ContactWindowFilter(),
            new TimeLimitFilter(),
            new BudgetFilter(),
            new FitsFilter(),
            new BlockFilter(),
        ],
        [new CompletionTimeScore(), new PriceScore(), new CarbonScore(), new PreferenceScore()],
        weights,
        packer ?? new BestFitPacker());
}
