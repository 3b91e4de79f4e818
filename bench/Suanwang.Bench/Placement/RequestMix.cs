using Suanwang.Core.Jobs;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Bench.Placement;

/// <summary>
/// A realistic mix of jobs, compiled once by <see cref="RequestCompiler"/> so the timed loop
/// only decides. Shares of the mix: 35 % any model; 25 % two or three named models (preference
/// or any-of); 15 % with input data and allowed jurisdictions (some data bound to its country);
/// 10 % asking for P with a memory floor; 10 % two-node gangs of 8 cards; 5 % spot with a time
/// limit and a budget.
/// </summary>
public static class RequestMix
{
    private static readonly string[] s_models =
        ["H100-SXM", "H20", "A100-80GB", "A100-40GB", "Ascend-910B", "MLU590", "V100-32GB", "T4", "A10", "H200"];

    private static readonly string[] s_bigModels = ["H100-SXM", "H200", "A100-80GB", "H20", "Ascend-910B"];

    private static readonly int[] s_cards = [1, 1, 1, 1, 2, 2, 4, 8];

    /// <summary><paramref name="count"/> requests for <paramref name="network"/>; the same seed gives the same mix.</summary>
    public static PlacementRequest[] Create(Network network, int count, int seed)
    {
        var random = new Random(seed);
        var compiler = new RequestCompiler(network);
        var countries = network.Sites.Select(s => s.Jurisdiction.Country).Distinct().Order(StringComparer.Ordinal).ToArray();
        var requests = new PlacementRequest[count];
        for (var i = 0; i < count; i++)
        {
            var spec = Spec(random, network, countries, i);
            requests[i] = compiler.Compile(spec, i, random.Next(16), 0, "bench");
        }

        return requests;
    }

    /// <summary>The job specs behind <see cref="Create"/>'s requests, for benchmarks that time compiling too.</summary>
    public static JobSpec[] Specs(Network network, int count, int seed)
    {
        var random = new Random(seed);
        var countries = network.Sites.Select(s => s.Jurisdiction.Country).Distinct().Order(StringComparer.Ordinal).ToArray();
        var specs = new JobSpec[count];
        for (var i = 0; i < count; i++)
        {
            specs[i] = Spec(random, network, countries, i);

            // The tenant draw Create makes, so both give the same jobs for the same seed.
            random.Next(16);
        }

        return specs;
    }

    private static JobSpec Spec(Random random, Network network, string[] countries, int i)
    {
        var roll = random.NextDouble();
        var cards = s_cards[random.Next(s_cards.Length)];
        var runtime = Math.Clamp(Math.Exp(7.5 + random.NextDouble() * 2.5), 300, 36_000);
        var spec = new JobSpec(
            $"job-{i}",
            $"tenant-{i % 16}",
            null,
            new ResourceRequest([], AcceleratorChoice.AnyOf, cards, 1, null, 0),
            runtime,
            "V100-32GB",
            true,
            null,
            random.Next(3),
            false,
            null,
            [],
            []);

        if (roll < 0.35)
        {
            return random.NextDouble() < 0.3 ? spec with { Resources = spec.Resources with { MinMemoryGiB = 24 } } : spec;
        }

        if (roll < 0.60)
        {
            var choice = random.NextDouble() < 0.5 ? AcceleratorChoice.Preference : AcceleratorChoice.AnyOf;
            return spec with { Resources = spec.Resources with { Accelerators = Pick(random, s_models, 2 + random.Next(2)), Choice = choice } };
        }

        if (roll < 0.75)
        {
            return WithData(random, network, countries, spec);
        }

        if (roll < 0.85)
        {
            var pflops = 0.5 + Math.Round(random.NextDouble() * 3.5, 1);
            return spec with { Resources = spec.Resources with { CardsPerNode = 0, Nodes = 0, Pflops = pflops, MinMemoryGiB = 32 } };
        }

        if (roll < 0.95)
        {
            return spec with { Resources = spec.Resources with { Accelerators = Pick(random, s_bigModels, 2 + random.Next(2)), CardsPerNode = 8, Nodes = 2 } };
        }

        return spec with
        {
            Spot = true,
            TimeLimitSeconds = runtime * 1.5,
            Budget = new Core.Money.Money(Math.Round((decimal)(cards * runtime / 3600.0 * 20), 2), "CNY"),
        };
    }

    /// <summary>Input data held at a random site; a third of it may not leave its country; the job allows two or three countries.</summary>
    private static JobSpec WithData(Random random, Network network, string[] countries, JobSpec spec)
    {
        var holder = network.Sites[random.Next(network.Sites.Count)];
        var allowed = new List<string> { holder.Jurisdiction.Country };
        foreach (var c in Pick(random, countries, Math.Min(countries.Length, 1 + random.Next(2))))
        {
            if (!allowed.Contains(c))
            {
                allowed.Add(c);
            }
        }

        var dataClass = random.NextDouble() < 1.0 / 3 ? DataClass.Important : DataClass.General;
        var size = Math.Round(10 + random.NextDouble() * 490);
        var input = new DataInput("dataset", size, holder.Id, holder.Jurisdiction, dataClass);
        var outside = new DataInput("weights", Math.Round(1 + random.NextDouble() * 50), null, new Jurisdiction(holder.Jurisdiction.Country), DataClass.General);
        return spec with
        {
            Inputs = random.NextDouble() < 0.5 ? [input] : [input, outside],
            AllowedJurisdictions = allowed.Select(c => new Jurisdiction(c)).ToArray(),
        };
    }

    private static string[] Pick(Random random, string[] from, int n)
    {
        var copy = (string[])from.Clone();
        random.Shuffle(copy);
        return copy[..n];
    }
}
