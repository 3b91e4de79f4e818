using System.Net;
using System.Text;
using Suanwang.Server.Tests.Hosting;

namespace Suanwang.Server.Tests.Policy;

/// <summary>
/// A job's declared input classes (<c>inputs[].class</c>) are decided by the data-law engine like
/// registered datasets: data declared important or core stays in its country (G0-11), a zone-bound
/// input keeps the job in its zone, and a declaration only ever raises a dataset's class.
/// </summary>
public sealed class DeclaredClassTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _acme = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        await _server.RegisterAsync(Specs.Site("cn-1", jurisdiction: "CN"));
        await _server.RegisterAsync(Specs.Site("cn-sh", jurisdiction: "CN:shanghai-ftz"));
        await _server.RegisterAsync(Specs.Site("sg-1", jurisdiction: "SG"));
        await _server.RegisterAsync(Specs.Site("kz-1", jurisdiction: "KZ"));
        _acme = await _server.TenantAsync("acme");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("allowed_jurisdictions: [CN, SG]\ninputs:\n  - { name: records, size_gb: 10, jurisdiction: CN, class: important }", "CN")]
    [InlineData("inputs:\n  - { name: records, size_gb: 10, jurisdiction: CN, class: core }", "CN")]
    [InlineData("allowed_jurisdictions: [CN]\ninputs:\n  - { name: genomes, size_gb: 10, jurisdiction: \"CN:shanghai-ftz\", class: important }", "CN:shanghai-ftz")]
    [InlineData("allowed_jurisdictions: [CN, SG]\ninputs:\n  - { name: wiki, size_gb: 10, jurisdiction: CN }", "CN,SG")]
    public async Task Declared_important_or_core_data_keeps_the_job_in_its_country_or_zone(string tail, string allowed)
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme") + "\n" + tail + "\n");

        var stored = await _server.Store.GetJobAsync(id, CancellationToken.None);
        Assert.Equal(allowed.Split(','), stored!.Spec.AllowedJurisdictions.Select(j => j.ToString()));
    }

    [Theory]
    [InlineData("allowed_jurisdictions: [SG]\ninputs:\n  - { name: wiki, size_gb: 1, jurisdiction: US }\n  - { name: records, size_gb: 10, jurisdiction: CN, class: important }", "inputs[1].class", "G0-11: the job's submitter declared this data important, which keeps it in CN (Data Security Law Arts 21, 31); it may not be processed in SG", HttpStatusCode.UnprocessableEntity)]
    [InlineData("inputs:\n  - { name: cn-records, size_gb: 1, jurisdiction: CN, class: core }\n  - { name: sg-records, size_gb: 1, jurisdiction: SG, class: important }", "inputs[1].class", "G0-11: the job's submitter declared this data important, which keeps it in SG", HttpStatusCode.UnprocessableEntity)]
    [InlineData("allowed_jurisdictions: [\"CN:tianjin-ftz\"]\ninputs:\n  - { name: genomes, size_gb: 10, jurisdiction: \"CN:shanghai-ftz\", class: important }", "inputs[0].class", "data class Important of input 'genomes' may not leave CN:shanghai-ftz", HttpStatusCode.BadRequest)]
    public async Task A_declared_class_the_job_cannot_honour_is_refused_naming_the_input_and_the_rule(string tail, string field, string detail, HttpStatusCode status)
    {
        var response = await TestServer.SubmitAsync(_acme, Specs.Job("acme") + "\n" + tail + "\n");

        Assert.Equal(status, response.StatusCode);
        var problem = await TestServer.ProblemAsync(response);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _server.Store.ListJobsAsync(new Storage.Jobs.JobQuery(Tenant: "acme"), CancellationToken.None));
    }

    [Fact]
    public async Task A_declaration_raises_a_datasets_class_and_never_lowers_it()
    {
        await RegisterAsync("""{"id": "ds-open", "jurisdiction": "CN", "classification": "general"}""");
        await RegisterAsync("""{"id": "ds-core", "jurisdiction": "CN", "classification": "core"}""");
        var toKz = Specs.Job("acme") + "\nallowed_jurisdictions: [KZ]\n";

        // General data without personal information may go to KZ, unless its submitter declares it important.
        await TestServer.SubmitOkAsync(_acme, toKz + "datasets: [ds-open]\n");
        var raised = await TestServer.SubmitAsync(_acme, toKz + "datasets: [ds-open]\ninputs:\n  - { name: ds-open, size_gb: 1, jurisdiction: CN, class: important }\n");
        var lowered = await TestServer.SubmitAsync(_acme, toKz + "datasets: [ds-core]\ninputs:\n  - { name: ds-core, size_gb: 1, jurisdiction: CN, class: general }\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, raised.StatusCode);
        Assert.Contains("G0-11:", (await TestServer.ProblemAsync(raised)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lowered.StatusCode);
        Assert.Contains("CN-0:", (await TestServer.ProblemAsync(lowered)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task RegisterAsync(string json)
    {
        var response = await _acme.PostAsync("/api/v1/datasets", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
