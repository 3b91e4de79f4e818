using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Server.Hosting;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Policy;

namespace Suanwang.Server.Tests.Policy;

/// <summary>The data-law engine through the API: datasets, filings, placement at admission, transfers, what-ifs.</summary>
public sealed class DataLawTests : IAsyncLifetime
{
    private const string Dataset = """
        {"id": "ds-cn", "site": "cn-1", "jurisdiction": "CN", "classification": "general",
         "personal_information": {"individuals": 2000000, "sensitive": 0, "subjects": ["CN"]}}
        """;

    private TestServer _server = null!;
    private HttpClient _acme = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        await _server.RegisterAsync(Specs.Site("cn-1", jurisdiction: "CN"));
        await _server.RegisterAsync(Specs.Site("kz-1", jurisdiction: "KZ"));
        _acme = await _server.TenantAsync("acme");
        (await _acme.PostAsync("/api/v1/datasets", Json(Dataset))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_CN_tenants_job_on_2_000_000_individuals_runs_in_KZ_only_with_an_assessment_and_both_decisions_are_recorded()
    {
        var job = Specs.Job("acme") + "\ndatasets: [ds-cn]\nallowed_jurisdictions: KZ\n";

        var denied = await TestServer.SubmitAsync(_acme, job);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, denied.StatusCode);
        var problem = await TestServer.ProblemAsync(denied);
        Assert.Equal("datasets", problem.GetProperty("field").GetString());
        Assert.Contains(
            "CN-3: 2,000,000 individuals' personal information (0 sensitive) this year, or important data, to KZ needs a CAC security assessment (Provisions Art 7); none covering KZ is on file for tenant acme",
            problem.GetProperty("detail").GetString(),
            StringComparison.Ordinal);

        var filed = await _server.Admin.PostAsync("/api/v1/tenants/acme/filings", Json("""{"kind": "security_assessment", "reference": "CAC-2026-0042", "filed_on": "2026-02-01", "expires_on": "2029-01-31"}"""));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);

        var id = await TestServer.SubmitOkAsync(_acme, job);

        var placed = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        Assert.Equal("kz-1", placed.Site);
        var decisions = await _server.Store.ListDecisionsAsync("acme", 0, 100, CancellationToken.None);
        var toKz = decisions.Select(d => JsonDocument.Parse(d.Body).RootElement).Where(d => d.GetProperty("destination").GetString() == "KZ").ToList();

        // Decided at admission (not counted), then once more when the placement was committed (counted).
        Assert.Equal(["deny", "allow", "allow"], toKz.Select(d => d.GetProperty("outcome").GetString()));
        Assert.Equal(["CN-3", "CN-3a", "CN-3a"], toKz.Select(d => d.GetProperty("rules")[0].GetString()));
        Assert.Equal([false, false, true], toKz.Select(d => d.GetProperty("counted").GetBoolean()));
        Assert.All(toKz, d => Assert.Equal("placement", d.GetProperty("kind").GetString()));
        Assert.Equal(new ExportCounter(2_000_000, 0), await _server.Store.GetExportCounterAsync("acme", TestServer.Start.Year, CancellationToken.None));
    }

    [Fact]
    public async Task Without_allowed_jurisdictions_the_job_is_narrowed_to_the_countries_the_law_allows()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme") + "\ndatasets: ds-cn\n");

        var stored = await _server.Store.GetJobAsync(id, CancellationToken.None);
        Assert.Equal(["CN"], stored!.Spec.AllowedJurisdictions.Select(j => j.ToString()));
        Assert.Equal("cn-1", (await _server.WaitForJobAsync(id, j => j.State == JobState.Placed)).Site);
    }

    [Fact]
    public async Task A_what_if_names_rule_and_article_and_records_nothing()
    {
        var answer = await _acme.PostAsync("/api/v1/policy/evaluate", Json("""{"datasets": ["ds-cn"], "destinations": ["CN", "KZ", "DE"]}"""));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["CN"], body.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["G0-9", "CN-3", "CN-3"], body.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("rules")[0].GetString()));
        Assert.StartsWith("G0@", body.GetProperty("rule_set").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _server.Store.ListDecisionsAsync("acme", 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_recorded_transfer_counts_towards_the_year_and_a_what_if_does_not()
    {
        const string small = """{"id": "ds-small", "jurisdiction": "CN", "classification": "general", "personal_information": {"individuals": 60000}}""";
        (await _acme.PostAsync("/api/v1/datasets", Json(small))).EnsureSuccessStatusCode();
        var whatIf = await _acme.PostAsync("/api/v1/datasets/ds-small/transfers", Json("""{"to": "kz-1"}"""));
        var first = await _acme.PostAsync("/api/v1/datasets/ds-small/transfers", Json("""{"to": "KZ", "record": true}"""));
        var second = await _acme.PostAsync("/api/v1/datasets/ds-small/transfers", Json("""{"to": "KZ", "record": true}"""));

        Assert.Equal("CN-5", (await Rule(whatIf)).Rule);
        Assert.Equal(("CN-5", "allow"), await Rule(first));

        // 60,000 + 60,000 crosses 100,000 this year: a standard contract is now needed.
        Assert.Equal(("CN-4", "deny"), await Rule(second));
        Assert.Equal(new ExportCounter(60_000, 0), await _server.Store.GetExportCounterAsync("acme", TestServer.Start.Year, CancellationToken.None));
    }

    [Fact]
    public async Task Jobs_placed_in_KZ_count_their_individuals_so_the_one_reaching_100_000_needs_a_standard_contract_and_a_job_in_CN_counts_nothing()
    {
        await RegisterAsync("ds-a", 60_000);
        await RegisterAsync("ds-b", 40_000);
        var toKz = Specs.Job("acme") + "\nallowed_jurisdictions: KZ\ndatasets: ";

        var first = await TestServer.SubmitOkAsync(_acme, toKz + "[ds-a]\n");
        Assert.Equal("kz-1", (await _server.WaitForJobAsync(first, j => j.State == JobState.Placed)).Site);
        Assert.Equal(new ExportCounter(60_000, 0), await CounterAsync());

        // 60,000 placed in KZ + 40,000 reaches 100,000 this year: CN-4, a standard contract is needed.
        var denied = await TestServer.SubmitAsync(_acme, toKz + "[ds-b]\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, denied.StatusCode);
        Assert.Contains("CN-4:", (await TestServer.ProblemAsync(denied)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var filed = await _server.Admin.PostAsync("/api/v1/tenants/acme/filings", Json("""{"kind": "standard_contract", "reference": "SC-2026-7", "filed_on": "2026-01-05", "expires_on": "2028-01-04", "countries": ["KZ"]}"""));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(["KZ"], (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        var second = await TestServer.SubmitOkAsync(_acme, toKz + "[ds-b]\n");
        Assert.Equal("kz-1", (await _server.WaitForJobAsync(second, j => j.State == JobState.Placed)).Site);
        Assert.Equal(new ExportCounter(100_000, 0), await CounterAsync());

        // The data stays in its country: nothing counts.
        var home = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme") + "\nallowed_jurisdictions: CN\ndatasets: [ds-a, ds-b]\n");
        Assert.Equal("cn-1", (await _server.WaitForJobAsync(home, j => j.State == JobState.Placed)).Site);
        Assert.Equal(new ExportCounter(100_000, 0), await CounterAsync());
        Assert.Equal(["ds-a KZ"], (await _server.Store.ListJobExportsAsync(first, CancellationToken.None)).Select(e => $"{e.Dataset} {e.Country}"));
        Assert.Empty(await _server.Store.ListJobExportsAsync(home, CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"id": "x", "jurisdiction": "CN", "classification": "important"}""", "authority_reference")]
    [InlineData("""{"id": "x", "jurisdiction": "XX", "classification": "general"}""", "jurisdiction")]
    [InlineData("""{"id": "x", "jurisdiction": "CN", "classification": "secret"}""", "classification")]
    [InlineData("""{"id": "X Y", "jurisdiction": "CN", "classification": "general"}""", "id")]
    [InlineData("""{"id": "x", "jurisdiction": "CN", "classification": "general", "personal_information": {"individuals": 5, "sensitive": 6}}""", "personal_information.sensitive")]
    [InlineData("""{"id": "x", "jurisdiction": "CN", "classification": "general", "personal_information": {"individuals": -1}}""", "personal_information.individuals")]
    [InlineData("""{"id": "x", "jurisdiction": "CN", "classification": "general", "usage": {"expires": "soon"}}""", "usage.expires")]
    [InlineData("""{"id": "x", "jurisdiction": "CN", "classification": "general", "owner": "zeta"}""", "owner")]
    [InlineData("""{"id": "x", "jurisdiction": "CN", "classification": "general", "colour": "red"}""", "colour")]
    public async Task A_bad_dataset_is_refused_naming_the_field_and_nothing_is_written(string body, string field)
    {
        var response = await _acme.PostAsync("/api/v1/datasets", Json(body));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{response.StatusCode}");
        Assert.Equal(field, (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
        Assert.Null(await _server.Store.GetDatasetAsync("x", CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"kind": "visa", "reference": "r", "filed_on": "2026-01-01"}""", "kind")]
    [InlineData("""{"kind": "scc", "reference": "r", "filed_on": "2026-01-01"}""", "expires_on")]
    [InlineData("""{"kind": "scc", "reference": "r", "filed_on": "2026-01-01", "expires_on": "2025-01-01"}""", "expires_on")]
    [InlineData("""{"kind": "ru_notice", "reference": "", "filed_on": "2026-01-01"}""", "reference")]
    [InlineData("""{"kind": "ru_notice", "reference": "r", "filed_on": "1 Jan"}""", "filed_on")]
    [InlineData("""{"kind": "ru_notice", "reference": "r", "filed_on": "2026-01-01", "countries": []}""", "countries")]
    [InlineData("""{"kind": "ru_notice", "reference": "r", "filed_on": "2026-01-01", "countries": ["DE", "kz"]}""", "countries[1]")]
    [InlineData("""{"kind": "ru_notice", "reference": "r", "filed_on": "2026-01-01", "countries": ["XX"]}""", "countries[0]")]
    [InlineData("""{"kind": "ru_notice", "reference": "r", "filed_on": "2026-01-01", "countries": ["DEU"]}""", "countries[0]")]
    [InlineData("""{"kind": "ciio", "reference": "r", "filed_on": "2026-01-01", "countries": ["KZ"]}""", "countries")]
    [InlineData("""{"kind": "ru_notice", "reference": "r", "filed_on": "2026-01-01", "countries": ["AD","AE","AF","AG","AI","AL","AM","AO","AQ","AR","AS","AT","AU","AW","AX","AZ","BA","BB","BD","BE","BF","BG","BH","BI","BJ","BL","BM","BN","BO","BQ","BR","BS","BT","BV","BW","BY","BZ","CA","CC","CD","CF","CG","CH","CI","CK","CL","CM","CN","CO","CR","CU"]}""", "countries")]
    public async Task A_bad_filing_is_refused_naming_the_field(string body, string field)
    {
        var response = await _server.Admin.PostAsync("/api/v1/tenants/acme/filings", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
        Assert.Empty(await _server.Store.ListFilingsAsync("acme", CancellationToken.None));
    }

    [Fact]
    public async Task Another_tenant_cannot_use_or_see_the_dataset()
    {
        using var zeta = await _server.TenantAsync("zeta");

        Assert.Equal(HttpStatusCode.NotFound, (await zeta.GetAsync("/api/v1/datasets/ds-cn")).StatusCode);
        var job = await TestServer.SubmitAsync(zeta, Specs.Job("zeta") + "\ndatasets: [ds-cn]\n");
        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        Assert.Equal("datasets", (await TestServer.ProblemAsync(job)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_server_refuses_to_start_on_a_malformed_rule_file()
    {
        var folder = Directory.CreateTempSubdirectory("suanwang-rules-");
        try
        {
            var source = Path.Combine(AppContext.BaseDirectory, "rules", "law");
            foreach (var file in Directory.GetFiles(source, "*.yaml"))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            var cn = Path.Combine(folder.FullName, "CN.yaml");
            var lines = File.ReadAllLines(cn);
            var at = Array.FindIndex(lines, l => l.Contains("when: classification == \"core\"", StringComparison.Ordinal));
            lines[at] = lines[at].Replace("classification", "clasification", StringComparison.Ordinal);
            File.WriteAllLines(cn, lines);
            await using var data = await TestStore.OpenAsync();
            var options = TestServer.Options(_server.Time) with { LawRulesFolder = folder.FullName };

            var error = await Assert.ThrowsAsync<InputException>(() => SuanwangServer.StartAsync(options, data.Store));

            Assert.Equal((cn, at + 1, "rules[0].when"), (error.Error.Source, error.Error.Line, error.Error.Field));
            Assert.Contains("unknown fact 'clasification'", error.Error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task RegisterAsync(string id, long individuals) =>
        (await _acme.PostAsync("/api/v1/datasets", Json($$$"""{"id": "{{{id}}}", "site": "cn-1", "jurisdiction": "CN", "classification": "general", "personal_information": {"individuals": {{{individuals}}}, "subjects": ["CN"]}}"""))).EnsureSuccessStatusCode();

    private Task<ExportCounter> CounterAsync() => _server.Store.GetExportCounterAsync("acme", TestServer.Start.Year, CancellationToken.None);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<(string Rule, string Outcome)> Rule(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("rules")[0].GetString()!, body.GetProperty("outcome").GetString()!);
    }
}
