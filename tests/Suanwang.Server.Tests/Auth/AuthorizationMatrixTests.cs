using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Audit;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Server.Tests.Market;

namespace Suanwang.Server.Tests.Auth;

/// <summary>Every route of the OpenAPI document against every kind of caller, as <c>AuthorizationMatrix.txt</c> writes it down.</summary>
public sealed partial class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string MatrixFile = "AuthorizationMatrix.txt";
    private const string Owner = "Test Compute";

    private static readonly string[] s_callers = ["none", "bad", "tenant-a", "tenant-b", "agent-x", "agent-y", "provider-x", "provider-z", "admin"];

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private TestServer _server = null!;
    private string _quote = "";
    private string _order = "";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        await _server.RegisterAsync(Specs.Site("site-x"));
        await _server.RegisterAsync(Specs.Site("site-y"));
        _clients["none"] = _server.Client(null);
        _clients["bad"] = _server.Client("never-issued-" + new string('k', 32));
        _clients["tenant-a"] = await _server.TenantAsync("tenant-a");
        _clients["tenant-b"] = await _server.TenantAsync("tenant-b");
        _clients["agent-x"] = _server.Client(await AgentKeyAsync("site-x"));
        _clients["agent-y"] = _server.Client(await AgentKeyAsync("site-y"));
        _clients["provider-x"] = _server.Client(await ProviderKeyAsync(Owner));
        _clients["provider-z"] = _server.Client(await ProviderKeyAsync("Other Compute"));
        _clients["admin"] = _server.Client(_server.AdminKey);

        var quote = await _clients["tenant-a"].PostAsync("/api/v1/quotes", Yaml(MarketServer.Job("tenant-a")));
        _quote = (await quote.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<QuoteView>(ProtocolJson.Options))!.Id;
        using var topUp = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants/tenant-a/topups")
        {
            Content = JsonContent.Create(new NewTopUp("1000.00", "CNY"), options: ProtocolJson.Options),
        };
        topUp.Headers.Add("Idempotency-Key", "matrix-topup");
        (await _server.Admin.SendAsync(topUp)).EnsureSuccessStatusCode();
        _order = (await MarketServer.OrderOkAsync(_clients["tenant-a"], MarketServer.Job("tenant-a"), "matrix-order")).Id;
        var dataset = new StringContent("""{"id": "matrix-ds", "jurisdiction": "CN", "classification": "general"}""", System.Text.Encoding.UTF8, "application/json");
        (await _clients["tenant-a"].PostAsync("/api/v1/datasets", dataset)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task EveryRoute_AnswersEveryCaller_AsTheMatrixSays()
    {
        var rows = ReadMatrix();
        var routes = await RoutesAsync();

        var missing = routes.Where(r => !rows.ContainsKey(r)).ToList();
        var stale = rows.Keys.Where(r => !routes.Contains(r)).ToList();
        Assert.True(missing.Count == 0, $"routes without a line in {MatrixFile}: {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"lines of {MatrixFile} for routes the server does not have: {string.Join(", ", stale)}");

        var wrong = new List<string>();
        foreach (var (route, expected) in rows)
        {
            for (var i = 0; i < s_callers.Length; i++)
            {
                using var request = await RequestAsync(route);
                using var response = await _clients[s_callers[i]].SendAsync(request);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                if (status != expected[i])
                {
                    wrong.Add($"{route} as {s_callers[i]}: {status}, the matrix says {expected[i]} ({body})");
                }
                else if (status is 401 or 403 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    wrong.Add($"{route} as {s_callers[i]}: {status} without a problem+json body");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    // "GET /api/v1/jobs" and so on, for every operation of the OpenAPI document.
    private async Task<HashSet<string>> RoutesAsync()
    {
        using var document = JsonDocument.Parse(await _clients["none"].GetStringAsync("/openapi/v1.json"));
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "get" or "post" or "put" or "patch" or "delete")
                {
                    routes.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }

        return routes;
    }

    private static Dictionary<string, int[]> ReadMatrix()
    {
        var rows = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Auth", MatrixFile)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(cells.Length == 2 + s_callers.Length, $"'{line}' must be a method, a path and {s_callers.Length} statuses");
            Assert.True(rows.TryAdd($"{cells[0]} {cells[1]}", [.. cells[2..].Select(c => int.Parse(c, CultureInfo.InvariantCulture))]), $"two lines for {cells[0]} {cells[1]}");
        }

        return rows;
    }

    private async Task<HttpRequestMessage> RequestAsync(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var template = route[(space + 1)..];
        var segments = template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (Parameter().IsMatch(segments[i]))
            {
                segments[i] = await ValueAsync(segments[i - 1]);
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(route[..space]), string.Join('/', segments));
        if (template == "/api/v1/agents/register")
        {
            request.Content = JsonContent.Create(new AgentRegistration(Specs.Site("site-x"), "local", "matrix"), options: ProtocolJson.Options);
        }

        return request;
    }

    // The value of a path parameter by the collection it follows: tenant-a's resources, site-x.
    // Jobs and keys are new for each request, since cancel and revoke change them.
    private async Task<string> ValueAsync(string collection) => collection switch
    {
        "jobs" => (await TestServer.SubmitOkAsync(_clients["tenant-a"], Specs.Job("tenant-a"))).ToString(CultureInfo.InvariantCulture),
        "keys" => await TenantKeyIdAsync(),
        "tenants" => "tenant-a",
        "sites" or "agents" => "site-x",
        "quotes" => _quote,
        "orders" => _order,
        "datasets" => "matrix-ds",
        "providers" => Uri.EscapeDataString(Owner),
        // tenant-a's top-up: the log's first entry, once integrated.
        "entries" => await FirstAuditEntryAsync(),
        _ => throw new InvalidOperationException($"no value for a path parameter after '{collection}': add one to {nameof(ValueAsync)}"),
    };

    private async Task<string> FirstAuditEntryAsync()
    {
        await _server.Server.Services.GetRequiredService<AuditLog>().IntegrateAsync(CancellationToken.None);
        return "0";
    }

    private async Task<string> TenantKeyIdAsync()
    {
        var issued = await _server.Admin.PostAsync("/api/v1/tenants/tenant-a/keys", null);
        return (await issued.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!.Id;
    }

    private async Task<string> AgentKeyAsync(string site)
    {
        var issued = await _server.Admin.PostAsync($"/api/v1/sites/{site}/keys", null);
        return (await issued.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!.Key;
    }

    private async Task<string> ProviderKeyAsync(string owner)
    {
        var issued = await _server.Admin.PostAsync($"/api/v1/providers/{Uri.EscapeDataString(owner)}/keys", null);
        return (await issued.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!.Key;
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    [GeneratedRegex(@"\A\{[A-Za-z]+\}\z")]
    private static partial Regex Parameter();
}
