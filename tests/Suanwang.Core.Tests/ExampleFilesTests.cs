using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests;

public sealed class ExampleFilesTests
{
    // Largest job (max num_gpus) and site cards of each Philly virtual cluster, as printed by
    // scripts/philly-capacity.sh and recorded in docs/studies/philly-capacity.md.
    private static readonly Dictionary<string, (int LargestJob, int Cards)> s_philly = new()
    {
        ["0e4a51"] = (4, 16),
        ["103959"] = (4, 8),
        ["11cb48"] = (16, 16),
        ["23dbec"] = (8, 8),
        ["2869ce"] = (32, 32),
        ["51b7ef"] = (1, 8),
        ["6214e9"] = (8, 8),
        ["6c71a0"] = (16, 16),
        ["795a4c"] = (1, 8),
        ["7f04ca"] = (16, 16),
        ["925e2b"] = (8, 8),
        ["b436b2"] = (24, 72),
        ["e13805"] = (32, 32),
        ["ed69ec"] = (1, 8),
        ["ee9e8c"] = (128, 144),
    };

    public static TheoryData<string> NetworkFiles => FilesUnder("networks");

    public static TheoryData<string> JobFiles => FilesUnder("jobs");

    [Theory]
    [MemberData(nameof(NetworkFiles))]
    public void NetworkFile_Parses(string name)
    {
        var network = ReadNetwork(name);

        Assert.NotEmpty(network.Sites);
        Assert.All(network.Sites, s => Assert.NotEmpty(s.Pools));
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public void JobFile_Parses(string name)
    {
        var job = ReadJob(name);

        Assert.True(job.EstimatedRuntimeSeconds > 0);
    }

    [Fact]
    public void ExampleFolders_HoldTheDocumentedFiles()
    {
        Assert.Equal(["philly-15.yaml", "pollux-64gpu.yaml", "sco-alliance.yaml", "tokens-8.yaml"], FileNames("networks"));
        Assert.True(FileNames("jobs").Count >= 3);
    }

    [Fact]
    public void Philly15_HasOneSitePerVirtualCluster()
    {
        var network = ReadNetwork("philly-15.yaml");

        Assert.Equal(15, network.Sites.Count);
        foreach (var cluster in s_philly.Keys)
        {
            Assert.Single(network.Sites, s => s.Id.EndsWith("-" + cluster, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Philly15_EverySiteFitsItsClustersLargestJob()
    {
        var network = ReadNetwork("philly-15.yaml");

        foreach (var (cluster, (largest, _)) in s_philly)
        {
            var site = network.Sites.Single(s => s.Id.EndsWith("-" + cluster, StringComparison.Ordinal));
            Assert.True(site.Cards >= largest, $"{site.Id} has {site.Cards} cards; VC {cluster} runs jobs of {largest}");
            Assert.All(site.Pools, p => Assert.Equal(8, p.CardsPerNode));
        }
    }

    [Fact]
    public void Philly15_SiteSizesMatchTheCapacityStudy()
    {
        var network = ReadNetwork("philly-15.yaml");

        foreach (var (cluster, (_, cards)) in s_philly)
        {
            var site = network.Sites.Single(s => s.Id.EndsWith("-" + cluster, StringComparison.Ordinal));
            Assert.Equal(cards, site.Cards);
        }
    }

    [Fact]
    public void Philly15_EverySiteHasReliabilityAndSomeHaveADailyCarbonProfile()
    {
        var network = ReadNetwork("philly-15.yaml");

        Assert.All(network.Sites, s => Assert.NotNull(s.Reliability));
        Assert.True(network.Sites.Count(s => s.Carbon.PeriodSeconds == 24 * 3600) >= 3);
        Assert.True(network.Sites.Select(s => s.Jurisdiction.Country).Distinct().Count() >= 8);
    }

    [Fact]
    public void Pollux64Gpu_IsOneSiteOf16NodesBy4Cards()
    {
        var network = ReadNetwork("pollux-64gpu.yaml");

        var site = Assert.Single(network.Sites);
        var pool = Assert.Single(site.Pools);
        Assert.Equal(64, network.Cards);
        Assert.Equal(16, pool.Nodes);
        Assert.Equal(4, pool.CardsPerNode);
    }

    [Fact]
    public void ScoAlliance_HasAnOrbitalSiteWithAContactLinkAndAZonedSite()
    {
        var network = ReadNetwork("sco-alliance.yaml");

        var orbital = Assert.Single(network.Sites, s => s.Tier == SiteTier.Orbital);
        var link = Assert.Single(network.Links, l => l.A == orbital.Id || l.B == orbital.Id);
        Assert.NotNull(link.Contact);
        Assert.Equal(95 * 60, link.Contact.PeriodSeconds);
        Assert.Equal(10 * 60, link.Contact.OpenSeconds);
        Assert.Contains(network.Sites, s => s.Jurisdiction == new Jurisdiction("CN", "tianjin-ftz"));
    }

    [Fact]
    public void ScoAlliance_OffersReservedBlocksOnTheZhongweiH20Pool()
    {
        var network = ReadNetwork("sco-alliance.yaml");

        var site = network.Sites[network.IndexOf("cn-zhongwei-hub")];
        var pool = Assert.Single(site.Pools, p => p.Model.Id == "H20");
        Assert.Equal([new ReservedBlock(8, 720, 7.20m), new ReservedBlock(64, 2160, 6.30m)], pool.Blocks);
    }

    [Fact]
    public void GangJob_AsksForTwoNodesOfEightCardsFromAnAnyOfSet()
    {
        var resources = ReadJob("gang-2x8-any-of.yaml").Resources;

        Assert.Equal(AcceleratorChoice.AnyOf, resources.Choice);
        Assert.Equal(2, resources.Nodes);
        Assert.Equal(8, resources.CardsPerNode);
        Assert.True(resources.Accelerators.Count > 1);
    }

    [Fact]
    public void PflopsJob_AsksForTwoPetaflopsWithMinimumMemory()
    {
        var resources = ReadJob("two-pflops.yaml").Resources;

        Assert.Equal(2.0, resources.Pflops);
        Assert.Equal(64, resources.MinMemoryGiB);
        Assert.Empty(resources.Accelerators);
    }

    [Fact]
    public void ImportantDataJob_KeepsItsInputInChinaUnderABudget()
    {
        var job = ReadJob("cn-important-data.yaml");
        var network = ReadNetwork("sco-alliance.yaml");

        var input = Assert.Single(job.Inputs);
        Assert.True(input.MustStay);
        Assert.Equal("CN", input.Jurisdiction.Country);
        Assert.NotNull(job.Budget);
        var holder = network.Sites[network.IndexOf(input.Site!)];
        Assert.True(input.Jurisdiction.Contains(holder.Jurisdiction));
    }

    [Fact]
    public void FinetuneJob_ListsModelsInOrderOfPreference()
    {
        var resources = ReadJob("finetune-single-card.yaml").Resources;

        Assert.Equal(AcceleratorChoice.Preference, resources.Choice);
        Assert.Equal(["H100-SXM", "A100-80GB", "Ascend-910B"], resources.Accelerators);
        Assert.Equal(1, resources.CardsPerNode);
    }

    private static Network ReadNetwork(string name)
    {
        var path = Path.Combine(ExamplesDirectory(), "networks", name);
        return NetworkReader.Parse(File.ReadAllText(path), path, AcceleratorCatalog.Default);
    }

    private static JobSpec ReadJob(string name)
    {
        var path = Path.Combine(ExamplesDirectory(), "jobs", name);
        return JobSpecReader.Parse(File.ReadAllText(path), path, AcceleratorCatalog.Default);
    }

    private static TheoryData<string> FilesUnder(string folder) => new(FileNames(folder));

    private static List<string> FileNames(string folder) =>
        Directory.GetFiles(Path.Combine(ExamplesDirectory(), folder), "*.yaml")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string ExamplesDirectory()
    {
        // Tests run from bin/<config>/<tfm>; the repository root is the folder with the solution file.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Suanwang.slnx")))
            {
                return Path.Combine(dir.FullName, "examples");
            }
        }

        throw new InvalidOperationException($"no Suanwang.slnx above {AppContext.BaseDirectory}");
    }
}
