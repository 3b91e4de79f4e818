using System.Net;
using System.Text;
using Suanwang.Agent.Server;
using Suanwang.Client;
using Suanwang.Protocol.Agents;
using Suanwang.Testing;

namespace Suanwang.Agent.Tests.Server;

public sealed class HttpServerClientTests
{
    private static readonly Uri s_server = new("http://127.0.0.1:8080");

    private static (HttpServerClient Client, RecordingHandler Handler) Create(HttpStatusCode status, string body, string? apiKey = "sw-key", Uri? server = null)
    {
        var handler = new RecordingHandler(status, body);
        var http = new HttpClient(handler);
        return (new HttpServerClient(new ApiClient(http, server ?? s_server, apiKey)), handler);
    }

    [Fact]
    public async Task Register_PostsSnakeCaseJsonWithTheBearerKey()
    {
        var (client, handler) = Create(HttpStatusCode.OK, """{"site_id":"cn-x-1","epoch":4,"heartbeat_seconds":2.5}""");

        var registered = await client.RegisterAsync(new AgentRegistration("id: cn-x-1\n", "slurm", "node1"), CancellationToken.None);

        Assert.Equal(new AgentRegistered("cn-x-1", 4, 2.5), registered);
        Assert.Equal("http://127.0.0.1:8080/api/v1/agents/register", handler.Uri!.ToString());
        Assert.Equal("Bearer sw-key", handler.Authorization);
        Assert.Equal("""{"site":"id: cn-x-1\n","backend":"slurm","host":"node1"}""", handler.Body);
    }

    [Fact]
    public async Task Heartbeat_GoesToTheSitesEndpoint_UnderABasePath()
    {
        var (client, handler) = Create(HttpStatusCode.OK, """{"assignments":[{"job":1,"fence":2,"name":"n","run":"true","nodes":1,"cards_per_node":8,"devices":"0,1","time_limit_seconds":60}],"stop":[]}""", server: new Uri("http://127.0.0.1:8080/suanwang"));

        var reply = await client.HeartbeatAsync("cn x/1", new Heartbeat(3, [new RunningJob(5, 6)]), CancellationToken.None);

        Assert.Equal("http://127.0.0.1:8080/suanwang/api/v1/agents/cn%20x%2F1/heartbeat", handler.Uri!.AbsoluteUri);
        Assert.Equal("""{"epoch":3,"running":[{"job":5,"fence":6}]}""", handler.Body);
        Assert.Equal(new Assignment(1, 2, "n", "true", 1, 8, "0,1", 60), Assert.Single(reply.Assignments));
    }

    [Fact]
    public async Task Reports_AreSentWithKindsInSnakeCaseAndNullsLeftOut()
    {
        var (client, handler) = Create(HttpStatusCode.OK, """{"results":[{"job":1,"accepted":false,"stop":true}]}""");
        var at = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

        var reply = await client.ReportAsync("s", new ReportBatch(1, [new RunReport(1, 2, ReportKind.Exited, at, ExitCode: 0, AcceleratorSeconds: 16)]), CancellationToken.None);

        Assert.Equal("http://127.0.0.1:8080/api/v1/agents/s/reports", handler.Uri!.ToString());
        Assert.Equal("""{"epoch":1,"reports":[{"job":1,"fence":2,"kind":"exited","at":"2025-03-01T08:00:00+00:00","exit_code":0,"accelerator_seconds":16}]}""", handler.Body);
        Assert.Equal(new ReportResult(1, false, true), Assert.Single(reply.Results));
    }

    [Fact]
    public async Task NoKey_SendsNoAuthorization()
    {
        var (client, handler) = Create(HttpStatusCode.OK, """{"site_id":"a","epoch":1,"heartbeat_seconds":5}""", apiKey: "");

        await client.RegisterAsync(new AgentRegistration("x", "local", "h"), CancellationToken.None);

        Assert.Null(handler.Authorization);
    }

    [Fact]
    public async Task Conflict_OnHeartbeat_MeansRegisterAgain()
    {
        var (client, _) = Create(HttpStatusCode.Conflict, """{"title":"stale epoch","status":409}""");

        var error = await Assert.ThrowsAsync<StaleEpochException>(() => client.HeartbeatAsync("s", new Heartbeat(1, []), CancellationToken.None));

        Assert.Contains("stale epoch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFound_OnReports_MeansRegisterAgain()
    {
        var (client, _) = Create(HttpStatusCode.NotFound, "");

        await Assert.ThrowsAsync<StaleEpochException>(() => client.ReportAsync("s", new ReportBatch(1, []), CancellationToken.None));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task TransientStatus_IsUnavailable(HttpStatusCode status)
    {
        var (client, _) = Create(status, "");

        var error = await Assert.ThrowsAsync<ApiException>(() => client.HeartbeatAsync("s", new Heartbeat(1, []), CancellationToken.None));

        Assert.True(error.IsUnavailable);
    }

    [Fact]
    public async Task BadRequest_IsRejectedWithTheProblemDetail()
    {
        var (client, _) = Create(HttpStatusCode.BadRequest, """{"title":"invalid site","detail":"site:3: tier: 'big' is not one of core, hub, edge, orbital","status":400}""");

        var error = await Assert.ThrowsAsync<ApiException>(() => client.RegisterAsync(new AgentRegistration("x", "local", "h"), CancellationToken.None));

        Assert.False(error.IsUnavailable);
        Assert.Equal(400, error.Status);
        Assert.EndsWith("400 Bad Request: site:3: tier: 'big' is not one of core, hub, edge, orbital", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_IsUnavailable()
    {
        var port = Loopback.UnusedPort();
        using var http = new HttpClient();
        using var api = new ApiClient(http, new Uri($"http://127.0.0.1:{port}"), null);
        var client = new HttpServerClient(api);

        var error = await Assert.ThrowsAsync<ApiException>(() => client.RegisterAsync(new AgentRegistration("x", "local", "h"), CancellationToken.None));

        Assert.True(error.IsUnavailable);
    }

    private sealed class RecordingHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public Uri? Uri { get; private set; }

        public string? Authorization { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Uri = request.RequestUri;
            Authorization = request.Headers.Authorization?.ToString();
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
