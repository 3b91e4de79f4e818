using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;

namespace Suanwang.Core.Tests.Jobs;

// The smallest spec a user writes is a name and a command, as with SkyPilot or sbatch.
public sealed partial class JobSpecReaderTests
{
    private const string Smallest = "name: hello\nrun: echo hello\n";

    [Fact]
    public void Parse_NameAndRunOnly_TakesTheKeysTenantOneCardOfAnyModelAndAnHour()
    {
        var spec = JobSpecReader.Parse(Smallest, Source, AcceleratorCatalog.Default, defaultTenant: "acme");

        Assert.Equal(("hello", "acme", "echo hello"), (spec.Name, spec.Tenant, spec.Run));
        Assert.Equal(1, spec.Resources.CardsPerNode);
        Assert.Equal(1, spec.Resources.Nodes);
        Assert.Empty(spec.Resources.Accelerators);
        Assert.Null(spec.Resources.Pflops);
        Assert.Equal(JobSpecFields.DefaultRuntimeSeconds, spec.EstimatedRuntimeSeconds);
        Assert.Null(spec.TimeLimitSeconds);
    }

    [Fact]
    public void Parse_WithoutAnEstimate_PlansWithTheTimeLimit()
    {
        var spec = JobSpecReader.Parse(Smallest + "time_limit: 20m\n", Source, AcceleratorCatalog.Default, defaultTenant: "acme");

        Assert.Equal(1200, spec.EstimatedRuntimeSeconds);
    }

    [Fact]
    public void Parse_TenantInTheSpec_WinsOverTheDefault()
    {
        var spec = JobSpecReader.Parse(Smallest + "tenant: lab\n", Source, AcceleratorCatalog.Default, defaultTenant: "acme");

        Assert.Equal("lab", spec.Tenant);
    }

    [Fact]
    public void Parse_NoTenantAndNoDefault_IsRefusedNamingTenant()
    {
        TestYaml.AssertError(ErrorOf(Smallest), Source, 1, "tenant", "required field is missing");
    }
}
