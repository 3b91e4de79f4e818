using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Jobs;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Jobs;

public sealed class JobsApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _acme = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        await _server.RegisterAsync(Specs.Site("cn-a"));
        _acme = await _server.TenantAsync("acme");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Submit_Yaml_Answers201WithLocationIdAndQueuedState()
    {
        var response = await TestServer.SubmitAsync(_acme, Specs.Job("acme"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<SubmitResult>(ProtocolJson.Options);
        Assert.Equal("queued", body!.State);
        Assert.Equal($"/api/v1/jobs/{body.Id}", response.Headers.Location!.OriginalString);
        var stored = await _server.Store.GetJobAsync(body.Id, CancellationToken.None);
        Assert.Equal(Specs.Job("acme"), stored!.SpecText);
        Assert.Equal(Specs.NewJob(Specs.Job("acme")).Spec, stored.Spec);
    }

    [Fact]
    public async Task Submit_NameAndRunOnly_RunsForTheKeysTenantOnOneCard()
    {
        var id = await TestServer.SubmitOkAsync(_acme, "name: hello\nrun: echo hello\n");

        var placed = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        var stored = await _server.Store.GetJobAsync(id, CancellationToken.None);
        Assert.Equal("acme", placed.Tenant);
        Assert.Equal(("acme", 1, JobSpecFields.DefaultRuntimeSeconds), (stored!.Spec.Tenant, stored.Spec.Resources.CardsPerNode, stored.Spec.EstimatedRuntimeSeconds));
    }

    [Fact]
    public async Task Submit_Json_IsAcceptedLikeYaml()
    {
        const string json = """{"name": "j", "tenant": "acme", "run": "echo hi", "resources": {"cards": 1}, "estimated_runtime": "30m"}""";

        var response = await TestServer.SubmitAsync(_acme, json, "application/json");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<SubmitResult>(ProtocolJson.Options);
        Assert.Equal("queued", body!.State);
        Assert.True(body.Id > 0);
    }

    [Fact]
    public async Task Get_AfterPlacement_ShowsStateAndSite()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);

        var view = await TestServer.GetJobAsync(_acme, id);

        Assert.Equal("placed", view.State);
        Assert.Equal("cn-a", view.Site);
        Assert.Equal("acme", view.Tenant);
        Assert.Equal("train", view.Name);
    }

    [Fact]
    public async Task List_FiltersByStateAndPagesNewestFirst()
    {
        // 8 cards: four 2-card jobs are placed, the fifth waits.
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await TestServer.SubmitOkAsync(_acme, Specs.Job("acme", name: $"j{i}")));
        }

        await _server.WaitForJobAsync(ids[3], j => j.State == JobState.Placed);
        var other = await _server.TenantAsync("other");
        await TestServer.SubmitOkAsync(other, Specs.Job("other"));

        var first = await _acme.GetFromJsonAsync<JobPage>("/api/v1/jobs?limit=2", ProtocolJson.Options);
        var second = await _acme.GetFromJsonAsync<JobPage>($"/api/v1/jobs?limit=2&before={first!.Next}", ProtocolJson.Options);
        var third = await _acme.GetFromJsonAsync<JobPage>($"/api/v1/jobs?limit=2&before={second!.Next}", ProtocolJson.Options);
        var placed = await _acme.GetFromJsonAsync<JobPage>("/api/v1/jobs?state=placed&site=cn-a", ProtocolJson.Options);
        var queued = await _acme.GetFromJsonAsync<JobPage>("/api/v1/jobs?state=queued", ProtocolJson.Options);

        Assert.Equal([ids[4], ids[3]], first.Items.Select(j => j.Id));
        Assert.Equal([ids[2], ids[1]], second.Items.Select(j => j.Id));
        Assert.Equal([ids[0]], third!.Items.Select(j => j.Id));
        Assert.Null(third.Next);
        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], placed!.Items.Select(j => j.Id));
        Assert.Equal([ids[4]], queued!.Items.Select(j => j.Id));
    }

    [Fact]
    public async Task List_UnknownState_Is400NamingTheField()
    {
        var response = await _acme.GetAsync("/api/v1/jobs?state=done");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestServer.ProblemAsync(response);
        Assert.Equal("state", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Cancel_QueuedJob_IsCancelledAndRecorded()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme", cards: 8));
        await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);

        var response = await _acme.PostAsync($"/api/v1/jobs/{id}/cancel", null);
        var again = await _acme.PostAsync($"/api/v1/jobs/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", (await response.Content.ReadFromJsonAsync<JobView>(ProtocolJson.Options))!.State);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(JobState.Cancelled, (await _server.Store.GetJobAsync(id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Logs_ReturnTheOutputAsText()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var job = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        await _server.Store.AppendLogAsync(id, job.Fence, 0, "hello\n", CancellationToken.None);
        await _server.Store.AppendLogAsync(id, job.Fence, 6, "world\n", CancellationToken.None);

        var response = await _acme.GetAsync($"/api/v1/jobs/{id}/logs");
        var tail = await _acme.GetStringAsync($"/api/v1/jobs/{id}/logs?offset=6");

        Assert.Equal("hello\nworld\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("12", response.Headers.GetValues("Suanwang-Next-Offset").Single());
        Assert.Equal("world\n", tail);
    }

    [Fact]
    public async Task Events_ListTheHistoryOldestFirst()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        await _acme.PostAsync($"/api/v1/jobs/{id}/cancel", null);

        var events = await _acme.GetFromJsonAsync<List<JobEventView>>($"/api/v1/jobs/{id}/events", ProtocolJson.Options);

        Assert.Equal(["submitted", "placed", "dispatched", "cancelled"], events!.Select(e => e.Kind));
        Assert.Contains("site cn-a", events![1].Message, StringComparison.Ordinal);
        Assert.EndsWith("(fence 1)", events![2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_MalformedSpec_Is400WithFieldAndLineAndStoresNothing()
    {
        var spec = Specs.Job("acme").Replace("cards: 2", "cards: many", StringComparison.Ordinal);

        var response = await TestServer.SubmitAsync(_acme, spec);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestServer.ProblemAsync(response);
        Assert.Equal("resources.cards", problem.GetProperty("field").GetString());
        Assert.Equal(6, problem.GetProperty("line").GetInt32());
        Assert.Empty(await _server.Store.ListActiveJobsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Submit_SpecWithoutRun_Is400NamingRun()
    {
        var spec = Specs.Job("acme").Replace("run: echo hello\n", "", StringComparison.Ordinal);

        var response = await TestServer.SubmitAsync(_acme, spec);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("run", (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Submit_OversizedBody_Is413AndStoresNothing()
    {
        var spec = Specs.Job("acme") + "# " + new string('x', 1024 * 1024) + "\n";

        var response = await TestServer.SubmitAsync(_acme, spec);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await TestServer.ProblemAsync(response);
        Assert.Empty(await _server.Store.ListActiveJobsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Submit_UnknownContentType_Is415()
    {
        var response = await _acme.PostAsync("/api/v1/jobs", new StringContent(Specs.Job("acme"), Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await TestServer.ProblemAsync(response);
    }

    [Fact]
    public async Task UnknownKey_Is401Problem()
    {
        using var stranger = _server.Client("not-a-key");
        using var anonymous = _server.Client(null);

        var response = await stranger.GetAsync("/api/v1/jobs");
        var missing = await anonymous.PostAsync("/api/v1/jobs", new StringContent(Specs.Job("acme"), Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unknown API key", (await TestServer.ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Empty(await _server.Store.ListActiveJobsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task OtherTenantsJob_Is404()
    {
        var other = await _server.TenantAsync("other");
        var id = await TestServer.SubmitOkAsync(other, Specs.Job("other"));

        var get = await _acme.GetAsync($"/api/v1/jobs/{id}");
        var cancel = await _acme.PostAsync($"/api/v1/jobs/{id}/cancel", null);
        var logs = await _acme.GetAsync($"/api/v1/jobs/{id}/logs");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, logs.StatusCode);
        Assert.NotEqual(JobState.Cancelled, (await _server.Store.GetJobAsync(id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Submit_ForAnotherTenant_Is403NamingTenant()
    {
        var response = await TestServer.SubmitAsync(_acme, Specs.Job("other"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("tenant", (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Submit_JobNoSiteCanEverRun_Is422NamingSiteAndReason()
    {
        var response = await TestServer.SubmitAsync(_acme, Specs.Job("acme", model: "H100-SXM"));
        var tooBig = await TestServer.SubmitAsync(_acme, Specs.Job("acme", cards: 16));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = (await TestServer.ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("site cn-a (Ascend-910B): accelerator Ascend-910B is not one the job accepts", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooBig.StatusCode);
        Assert.Contains("site cn-a", (await TestServer.ProblemAsync(tooBig)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _server.Store.ListActiveJobsAsync(CancellationToken.None));
    }
}
