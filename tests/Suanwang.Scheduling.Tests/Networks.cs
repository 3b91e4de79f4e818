using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests;

/// <summary>Builds networks from YAML written inline, so tests read like the files users write.</summary>
internal static class Networks
{
    public const string Source = "network.yaml";

    /// <summary>Parses a network against the default catalog.</summary>
    public static Network Parse(string yaml) => NetworkReader.Parse(yaml, Source, AcceleratorCatalog.Default);

    /// <summary>The cluster state of a network, every card free.</summary>
    public static ClusterState State(string yaml) => new(Parse(yaml));

    /// <summary>"site/model" of a pool, for assertions that read as names rather than indices.</summary>
    public static string Name(this ClusterState state, int pool) =>
        $"{state.Network.Sites[state.PoolSite[pool]].Id}/{state.Catalog[state.PoolModel[pool]].Id}";

    /// <summary>The index of the pool of <paramref name="model"/> at <paramref name="site"/>.</summary>
    public static int Pool(this ClusterState state, string site, string model)
    {
        for (var p = 0; p < state.PoolCount; p++)
        {
            if (state.Name(p) == $"{site}/{model}")
            {
                return p;
            }
        }

        throw new ArgumentException($"no pool {site}/{model}");
    }
}
