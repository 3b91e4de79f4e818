using System.Net;
using System.Text;
using Suanwang.Protocol.Jobs;
using Suanwang.Testing;

namespace Suanwang.Client.Tests;

public sealed class ApiClientTests
{
    private static readonly Uri s_server = new("http://127.0.0.1:8080/base");

    private static (ApiClient Client, AnsweringHandler Handler) Create(HttpStatusCode status, string body, string contentType = "application/problem+json")
    {
        var handler = new AnsweringHandler(status, body, contentType);
        return (new ApiClient(new HttpClient(handler), s_server, "sw-key"), handler);
    }

    [Fact]
    public async Task Request_CarriesTheKeyAndTheIdempotencyKey_UnderTheServersBasePath()
    {
        var (client, handler) = Create(HttpStatusCode.OK, "{}", "application/json");

        using var response = await client.SendAsync(HttpMethod.Post, "api/v1/orders?x=1", null, "order-7", CancellationToken.None);

        Assert.Equal("http://127.0.0.1:8080/base/api/v1/orders?x=1", handler.Uri!.AbsoluteUri);
        Assert.Equal("Bearer sw-key", handler.Authorization);
        Assert.Equal("order-7", handler.IdempotencyKey);
    }

    [Fact]
    public async Task Answer_IsReadInTheProtocolsSnakeCase()
    {
        var (client, _) = Create(HttpStatusCode.Created, """{"id":42,"state":"queued"}""", "application/json");

        var result = await client.SendAsync<SubmitResult>(HttpMethod.Post, "api/v1/jobs", null, CancellationToken.None);

        Assert.Equal(42, result.Id);
    }

    [Fact]
    public async Task Problem_IsReadIntoItsFields()
    {
        var (client, _) = Create(
            HttpStatusCode.PaymentRequired,
            """{"title":"Balance too low","detail":"the order holds more than is available","status":402,"field":"budget","line":4,"available":"0.00","required":"0.20","currency":"CNY"}""");

        var error = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync<SubmitResult>(HttpMethod.Post, "api/v1/orders", null, CancellationToken.None));

        Assert.Equal((402, "Balance too low", "the order holds more than is available", "budget", 4), (error.Status, error.Title, error.Detail, error.Field, error.Line));
        Assert.Equal(("0.00", "0.20", "CNY"), (error.Extensions["available"], error.Extensions["required"], error.Extensions["currency"]));
        Assert.True(error.IsUserError);
        Assert.False(error.IsUnavailable);
        Assert.Equal("POST http://127.0.0.1:8080/base/api/v1/orders: 402 Payment Required: the order holds more than is available", error.Message);
    }

    [Fact]
    public async Task ShortBodyThatIsNotJson_IsTheDetail()
    {
        var (client, _) = Create(HttpStatusCode.BadGateway, "upstream went away\n", "text/plain");

        var error = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync<SubmitResult>(HttpMethod.Get, "api/v1/jobs", null, CancellationToken.None));

        Assert.Equal((502, null, "upstream went away"), (error.Status, error.Title, error.Detail));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    public async Task OnlyTransientStatuses_AreUnavailable(HttpStatusCode status, bool unavailable)
    {
        var (client, _) = Create(status, "");

        var error = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync<SubmitResult>(HttpMethod.Get, "api/v1/jobs", null, CancellationToken.None));

        Assert.Equal(unavailable, error.IsUnavailable);
    }

    [Fact]
    public async Task EmptyAnswer_NamesTheServerAndThePath()
    {
        var (client, _) = Create(HttpStatusCode.OK, "null", "application/json");

        var error = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync<SubmitResult>(HttpMethod.Get, "api/v1/jobs/1", null, CancellationToken.None));

        Assert.Null(error.Status);
        Assert.False(error.IsUnavailable);
        Assert.Equal("the server at http://127.0.0.1:8080/base answered api/v1/jobs/1 with an empty body", error.Message);
    }

    [Fact]
    public async Task ConnectionRefused_IsUnavailableWithoutAStatus()
    {
        var port = Loopback.UnusedPort();
        using var client = new ApiClient(new Uri($"http://127.0.0.1:{port}"), null, TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync<SubmitResult>(HttpMethod.Get, "api/v1/jobs", null, CancellationToken.None));

        Assert.True(error.IsUnavailable);
        Assert.Null(error.Status);
        Assert.StartsWith($"cannot reach the server at http://127.0.0.1:{port}/: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_And_WithField_KeepTheProblemAndLocateIt()
    {
        var (client, _) = Create(HttpStatusCode.BadRequest, """{"title":"Invalid offer query","detail":"'lots' is not a number","field":"min_memory_gib"}""");
        var error = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync<SubmitResult>(HttpMethod.Get, "api/v1/offers", null, CancellationToken.None));

        var located = error.From("job.yaml");
        var renamed = located.WithField("--min-memory");

        Assert.Equal(("job.yaml", "min_memory_gib"), (located.SourceFile, located.Field));
        Assert.Equal((null, "--min-memory", 400, "'lots' is not a number"), (renamed.SourceFile, renamed.Field, renamed.Status, renamed.Detail));
        Assert.Equal(error.Message, renamed.Message);
    }

    private sealed class AnsweringHandler(HttpStatusCode status, string body, string contentType) : HttpMessageHandler
    {
        public Uri? Uri { get; private set; }

        public string? Authorization { get; private set; }

        public string? IdempotencyKey { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uri = request.RequestUri;
            Authorization = request.Headers.Authorization?.ToString();
            IdempotencyKey = request.Headers.TryGetValues(ApiClient.IdempotencyKeyHeader, out var values) ? values.Single() : null;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) });
        }
    }
}
