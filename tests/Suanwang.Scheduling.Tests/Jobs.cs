using Suanwang.Core.Jobs;
using Suanwang.Core.Networks;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.Tests;

/// <summary>Compiles job specs written inline; <c>name</c> and <c>tenant</c> are filled in when the YAML leaves them out.</summary>
internal static class Jobs
{
    public const string Source = "job.yaml";

    /// <summary>Reads the spec, adding a name and tenant when the YAML has none.</summary>
    public static JobSpec Spec(Network network, string yaml)
    {
        var named = yaml.Split('\n').Any(line => line.StartsWith("name:", StringComparison.Ordinal));
        var text = named ? yaml : "name: test-job\ntenant: acme\n" + yaml;
        return JobSpecReader.Parse(text, Source, network.Catalog);
    }

    /// <summary>The engine's view of the job.</summary>
    public static PlacementRequest Compile(Network network, string yaml) =>
        new RequestCompiler(network).Compile(Spec(network, yaml), jobId: 1, tenant: 0, submitTime: 0, Source);
}
