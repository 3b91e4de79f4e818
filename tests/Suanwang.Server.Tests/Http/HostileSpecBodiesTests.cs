using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Server.Tests.Market;

namespace Suanwang.Server.Tests.Http;

/// <summary>
/// Specs built to break the reader — numbers past every bound, nesting deep enough to exhaust the
/// stack, unclosed brackets — answer a located 400 on every path a spec enters, and the server lives on.
/// </summary>
public sealed class HostileSpecBodiesTests : IAsyncLifetime
{
    private MarketServer _market = null!;

    public async Task InitializeAsync()
    {
        _market = await MarketServer.StartAsync();
        (await _market.TopUpAsync("acme", "100.00")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    public static TheoryData<string> Paths => new() { "/api/v1/jobs", "/api/v1/quotes", "/api/v1/orders" };

    [Theory]
    [InlineData("/api/v1/orders", "9223372036854775807")]
    [InlineData("/api/v1/orders", "1e25")]
    [InlineData("/api/v1/quotes", "1e25")]
    [InlineData("/api/v1/jobs", "9223372036854775807")]
    public async Task TimeLimitPastAYear_Answers400NamingTheField(string path, string limit)
    {
        var spec = MarketServer.Job(timeLimit: limit);

        var (status, problem) = await PostAsync(path, spec, "application/yaml");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("time_limit", problem["field"].ToString());
        Assert.Contains("365d", problem["detail"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderWithABudgetPastATrillion_Answers400NamingTheField()
    {
        var spec = MarketServer.Job(budget: "{ amount: 99999999999999999999, currency: CNY }");

        var (status, problem) = await PostAsync("/api/v1/orders", spec, "application/yaml");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("budget.amount", problem["field"].ToString());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task SpecNested30000Deep_Answers400WithTheLine_AndTheServerLivesOn(string path)
    {
        foreach (var type in (string[])["application/json", "application/yaml"])
        {
            var deep = new string('[', 30_000) + new string(']', 30_000);
            var body = $"{{\"name\": \"deep\", \"tenant\": \"acme\", \"run\": \"true\",\n\"inputs\": {deep}}}";

            var (status, problem) = await PostAsync(path, body, type);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(2, int.Parse(problem["line"].ToString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("nested deeper than 64 levels", problem["detail"].ToString(), StringComparison.Ordinal);
        }

        (await _market.Admin.GetAsync("/api/v1/jobs")).EnsureSuccessStatusCode();
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task UnclosedFlowMapping_Answers400NamingTheLine(string path)
    {
        var spec = MarketServer.Job().Replace("resources:\n", "resources: {cards: 1\n", StringComparison.Ordinal);
        Assert.Contains("{cards: 1\n", spec, StringComparison.Ordinal);

        var (status, problem) = await PostAsync(path, spec, "application/yaml");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(int.Parse(problem["line"].ToString()!, System.Globalization.CultureInfo.InvariantCulture) >= 4, problem["line"].ToString());
        Assert.StartsWith("not valid YAML: ", problem["detail"].ToString(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, Dictionary<string, object> Problem)> PostAsync(string path, string body, string type)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, type) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var client = path.EndsWith("jobs", StringComparison.Ordinal) ? _market.Admin : _market.Acme;
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{(int)response.StatusCode}: {text}");
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!);
    }
}
