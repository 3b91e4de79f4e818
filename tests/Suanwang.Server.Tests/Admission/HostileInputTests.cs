using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Jobs;
using Suanwang.Protocol.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Server.Tests.Market;

namespace Suanwang.Server.Tests.Admission;

/// <summary>Input built to slip past the checks: each is a 4xx naming its field, and nothing is written.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private MarketServer _market = null!;

    public async Task InitializeAsync() => _market = await MarketServer.StartAsync();

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Fact]
    public async Task CreateTenant_IdEndingInANewline_Is400NamingId_AndCreatesNothing()
    {
        var response = await PostJsonAsync("/api/v1/tenants", "{\"id\": \"acme2\\n\"}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "id");
        Assert.Null(await _market.Server.Store.GetTenantAsync("acme2\n", CancellationToken.None));
        Assert.Equal(["acme", "admin"], (await TenantsAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task TopUp_ToATenantIdEndingInANewline_Is400NamingTheTenant_AndPostsNothing()
    {
        var response = await PostJsonAsync("/api/v1/tenants/acme%0A/topups", "{\"amount\": \"10.00\", \"currency\": \"CNY\"}", key: "k-1");
        var again = await PostJsonAsync("/api/v1/tenants/acme%0A/topups", "{\"amount\": \"10.00\", \"currency\": \"CNY\"}", key: "k-1");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "tenant");
        await AssertProblemAsync(again, HttpStatusCode.BadRequest, "tenant");
        Assert.Equal(0, (await _market.VerifyAsync()).Postings);
    }

    [Theory]
    [InlineData("{\"amount\": \"0.01\", \"currency\": \"CNY\", \"amount\": \"999999.00\"}", "amount")]
    [InlineData("{\"amount\": \"1.00\", \"currency\": \"CNY\", \"amonut\": \"5.00\"}", "amonut")]
    [InlineData("{\"amount\": \"+1.00\", \"currency\": \"CNY\"}", "amount")]
    [InlineData("{\"amount\": \"1e3\", \"currency\": \"CNY\"}", "amount")]
    [InlineData("{\"amount\": \" 1.00\", \"currency\": \"CNY\"}", "amount")]
    [InlineData("{\"amount\": \"1.00\", \"currency\": \"CNY\", \"memo\": \"paid\\u001b[2J\"}", "memo")]
    public async Task TopUpAndRefund_LooseBodies_Are400NamingTheField_AndPostNothing(string body, string field)
    {
        foreach (var route in new[] { "topups", "refunds" })
        {
            var response = await PostJsonAsync($"/api/v1/tenants/acme/{route}", body);

            await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        }

        Assert.Equal(0, (await _market.VerifyAsync()).Postings);
    }

    [Theory]
    [InlineData("{\"id\": \"beta\", \"weight\": 1e-320}", "weight")]
    [InlineData("{\"id\": \"beta\", \"weight\": 1e309}", "weight")]
    [InlineData("{\"id\": \"beta\", \"weight\": \"2\"}", "weight")]
    [InlineData("{\"id\": \"beta\", \"weight\": 0}", "weight")]
    [InlineData("{\"id\": \"beta\", \"id\": \"gamma\"}", "id")]
    [InlineData("{\"id\": \"beta\", \"owner\": \"x\"}", "owner")]
    [InlineData("{\"id\": \"beta\", \"name\": \"Beta\\u202Egnp.exe\"}", "name")]
    [InlineData("{\"id\": \"beta\", \"name\": \"Beta\\r\\nerror: fake\"}", "name")]
    public async Task CreateTenant_LooseBodies_Are400NamingTheField_AndCreateNothing(string body, string field)
    {
        var response = await PostJsonAsync("/api/v1/tenants", body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(2, (await TenantsAsync()).Count);
    }

    [Fact]
    public async Task TopUp_ReplayedWithAnotherAmount_Is422_AndTheBalanceKeepsTheFirst()
    {
        var first = await _market.TopUpAsync("acme", "0.01", key: "t-1");
        var other = await _market.TopUpAsync("acme", "999999.00", key: "t-1");
        var otherCurrency = await _market.TopUpAsync("acme", "0.01", "USD", key: "t-1");
        var same = await _market.TopUpAsync("acme", "0.01", key: "t-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        await AssertProblemAsync(otherCurrency, HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("0.01", (await _market.BalanceAsync()).Available);
    }

    [Fact]
    public async Task Refund_ReplayedWithAnotherAmountOrAsATopUp_Is422()
    {
        await _market.TopUpAsync("acme", "10.00");
        var first = await PostJsonAsync("/api/v1/tenants/acme/refunds", "{\"amount\": \"1.00\", \"currency\": \"CNY\"}", key: "r-1");
        var other = await PostJsonAsync("/api/v1/tenants/acme/refunds", "{\"amount\": \"2.00\", \"currency\": \"CNY\"}", key: "r-1");
        var asTopUp = await PostJsonAsync("/api/v1/tenants/acme/topups", "{\"amount\": \"1.00\", \"currency\": \"CNY\"}", key: "r-1");
        var same = await PostJsonAsync("/api/v1/tenants/acme/refunds", "{ \"currency\": \"CNY\", \"amount\": \"1.00\" }", key: "r-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        await AssertProblemAsync(asTopUp, HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("11.00", (await _market.BalanceAsync()).Available);
    }

    [Theory]
    [InlineData("train\u001b[2J", "name")]
    [InlineData("train\0", "name")]
    [InlineData("train\u202Egnp", "name")]
    [InlineData("train\u2066x", "name")]
    public async Task Submit_NameWithControlOrBidiCharacters_Is400NamingName_AndQueuesNothing(string name, string field)
    {
        var spec = MarketServer.Job(name: "placeholder").Replace("name: placeholder", "name: \"" + Escape(name) + "\"", StringComparison.Ordinal);

        var response = await TestServer.SubmitAsync(_market.Acme, spec);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task Submit_NameOverTheLimit_AndRunOver64KiB_AndRunWithEscape_Are400NamingTheField()
    {
        var longName = MarketServer.Job(name: new string('n', 257));
        var longRun = MarketServer.Job().Replace("run: echo hello", "run: echo " + new string('x', 64 * 1024), StringComparison.Ordinal);
        var escapeRun = MarketServer.Job().Replace("run: echo hello", "run: \"printf '\\e[2J'\"", StringComparison.Ordinal);

        await AssertProblemAsync(await TestServer.SubmitAsync(_market.Acme, longName), HttpStatusCode.BadRequest, "name");
        await AssertProblemAsync(await TestServer.SubmitAsync(_market.Acme, longRun), HttpStatusCode.BadRequest, "run");
        await AssertProblemAsync(await TestServer.SubmitAsync(_market.Acme, escapeRun), HttpStatusCode.BadRequest, "run");
        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task Submit_TwoYamlDocuments_Is400_AndQueuesNothing()
    {
        var spec = MarketServer.Job() + "\n---\n" + MarketServer.Job(name: "second");

        var response = await TestServer.SubmitAsync(_market.Acme, spec);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than one YAML document", (await TestServer.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await JobsAsync());
    }

    [Fact]
    public async Task Submit_MultilineRunAndLongPlainName_AreAccepted()
    {
        var spec = MarketServer.Job(name: new string('n', 256)).Replace("run: echo hello", "run: |\n  echo one\n  \techo two", StringComparison.Ordinal);

        var response = await TestServer.SubmitAsync(_market.Acme, spec);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RegisterAgent_SiteIdEndingInANewline_Is400NamingSiteId()
    {
        var registration = new AgentRegistration("id: \"cn-b\\n\"\n" + MarketServer.Site("cn-b").Split('\n', 2)[1], "local", "host-1");

        var response = await _market.Admin.PostAsJsonAsync("/api/v1/agents/register", registration, ProtocolJson.Options);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "site.id");
        Assert.Null(await _market.Server.Store.GetSiteAsync("cn-b\n", CancellationToken.None));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal(field, (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    private Task<HttpResponseMessage> PostJsonAsync(string path, string body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return _market.Admin.SendAsync(request);
    }

    private async Task<List<TenantView>> TenantsAsync() =>
        (await _market.Admin.GetFromJsonAsync<List<TenantView>>("/api/v1/tenants", ProtocolJson.Options))!;

    private async Task<IReadOnlyList<JobView>> JobsAsync() =>
        (await _market.Admin.GetFromJsonAsync<JobPage>("/api/v1/jobs?limit=1000", ProtocolJson.Options))!.Items;
}
