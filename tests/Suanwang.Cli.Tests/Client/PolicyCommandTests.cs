namespace Suanwang.Cli.Tests.Client;

/// <summary><c>suanwang dataset</c>, <c>filing</c> and <c>policy explain</c> against a real server.</summary>
public sealed class PolicyCommandTests(LiveNetwork network) : IClassFixture<LiveNetwork>
{
    [Fact]
    public async Task Explain_NamesTheRuleAndArticle_UntilTheFilingIsRecorded()
    {
        var (tenant, dataset, datasetFile, specFile) = await NewTenantWithDatasetAsync();

        var registered = await network.RunAsync("dataset", "register", datasetFile);
        var before = await network.RunAsync("policy", "explain", specFile);
        var filed = await network.RunAsync("filing", "add", "--tenant", tenant, "--kind", "security_assessment", "--reference", "CAC-1", "--filed-on", "2026-01-01", "--expires-on", "2099-12-31");
        var after = await network.RunAsync("policy", "explain", specFile);
        var listed = await network.RunAsync("filing", "list", "--tenant", tenant);

        Assert.Equal((0, 0, 0, 0, 0), (registered.ExitCode, before.ExitCode, filed.ExitCode, after.ExitCode, listed.ExitCode));
        Assert.Contains($"Registered dataset {dataset} of {tenant} (general, CN)", registered.Stdout, StringComparison.Ordinal);
        Assert.Contains($"CN {dataset}: allowed: G0-9: the data stays within CN", before.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            $"KZ {dataset}: denied: CN-3: 2,000,000 individuals' personal information (0 sensitive) this year, or important data, to KZ needs a CAC security assessment (Provisions Art 7); none covering KZ is on file for tenant {tenant}",
            before.Stdout,
            StringComparison.Ordinal);
        Assert.Contains("The job may run in: CN\n", before.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("The job may run in: CN, KZ", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("security_assessment  CAC-1  filed 2026-01-01 until 2099-12-31", listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filing_for_other_countries_leaves_the_denial_naming_the_country()
    {
        var (tenant, dataset, datasetFile, specFile) = await NewTenantWithDatasetAsync();

        var registered = await network.RunAsync("dataset", "register", datasetFile);
        var filed = await network.RunAsync("filing", "add", "--tenant", tenant, "--kind", "security_assessment", "--reference", "CAC-SA", "--filed-on", "2026-01-01", "--expires-on", "2099-12-31", "--countries", "SA, AE");
        var explained = await network.RunAsync("policy", "explain", specFile);
        var listed = await network.RunAsync("filing", "list", "--tenant", tenant);

        Assert.Equal((0, 0, 0, 0), (registered.ExitCode, filed.ExitCode, explained.ExitCode, listed.ExitCode));
        Assert.Contains($"Recorded security_assessment CAC-SA for {tenant} covering SA, AE", filed.Stdout, StringComparison.Ordinal);
        Assert.Contains($"KZ {dataset}: denied: CN-3:", explained.Stdout, StringComparison.Ordinal);
        Assert.Contains($"none covering KZ is on file for tenant {tenant}", explained.Stdout, StringComparison.Ordinal);
        Assert.Contains("The job may run in: CN\n", explained.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("security_assessment  CAC-SA  filed 2026-01-01 until 2099-12-31 covering SA, AE", listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filing_naming_a_bad_country_is_exit_2_naming_it()
    {
        var run = await network.RunAsync("filing", "add", "--tenant", "admin", "--kind", "scc", "--reference", "r", "--filed-on", "2026-01-01", "--expires-on", "2027-01-01", "--countries", "KZ,Kazakhstan");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("countries[1]", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'Kazakhstan' is not an ISO 3166-1 alpha-2 country code", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_filing_is_exit_2_naming_the_field()
    {
        var run = await network.RunAsync("filing", "add", "--tenant", "admin", "--kind", "visa", "--reference", "r", "--filed-on", "2026-01-01");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("kind", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'visa' is not one of", run.Stderr, StringComparison.Ordinal);
    }

    // A new tenant with a CN dataset of 2,000,000 individuals' data and a job spec over it allowed in CN and KZ.
    private async Task<(string Tenant, string Dataset, string DatasetFile, string SpecFile)> NewTenantWithDatasetAsync()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var dataset = "ds-" + tenant;
        await network.CreateTenantAsync(tenant);
        var datasetFile = Path.Combine(network.Folder, dataset + ".json");
        await File.WriteAllTextAsync(datasetFile, "{\"id\": \"" + dataset + "\", \"owner\": \"" + tenant + "\", \"jurisdiction\": \"CN\", \"classification\": \"general\", \"personal_information\": {\"individuals\": 2000000}}");
        var specFile = Path.Combine(network.Folder, dataset + ".yaml");
        await File.WriteAllTextAsync(specFile, $"name: j\ntenant: {tenant}\nrun: echo hi\ndatasets: [{dataset}]\nallowed_jurisdictions: [CN, KZ]\n");
        return (tenant, dataset, datasetFile, specFile);
    }
}
