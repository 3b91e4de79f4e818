using System.Net;
using System.Text;
using Suanwang.Server.Tests.Hosting;

namespace Suanwang.Server.Tests.Limits;

/// <summary>Per-key token buckets: 429 problem+json with Retry-After, and agents never starved by a tenant.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _acme = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _acme = await _server.TenantAsync("acme");
        var set = await _server.Admin.PutAsync("/api/v1/tenants/acme/limits", new StringContent("""{"requests_per_second": 1, "burst": 2}""", Encoding.UTF8, "application/json"));
        set.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TenantKey_OverItsBurst_Gets429ProblemNamingTheLimit_WithRetryAfter()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await _acme.GetAsync("/api/v1/jobs"));
        }

        // The bucket starts full: the first two always pass; one token a second cannot keep up with the rest.
        Assert.All(answers.Take(2), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var problem = await TestServer.ProblemAsync(refused);
        Assert.Equal("requests_per_second", problem.GetProperty("limit").GetString());
        Assert.Equal(1, problem.GetProperty("requests_per_second").GetInt32());
        Assert.Equal(2, problem.GetProperty("burst").GetInt32());
        Assert.Contains("retry after", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenantOverItsLimit_DoesNotSlowAgentsOrAdmins()
    {
        var registered = await _server.RegisterAsync(Specs.Site("cn-a"));
        while ((await _acme.GetAsync("/api/v1/jobs")).StatusCode != HttpStatusCode.TooManyRequests)
        {
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _server.HeartbeatAsync("cn-a", registered.Epoch)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _server.Admin.GetAsync("/api/v1/jobs")).StatusCode);
        }
    }

    [Fact]
    public async Task HealthChecks_AreNeverLimited()
    {
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _acme.GetAsync("/healthz")).StatusCode);
        }
    }
}
