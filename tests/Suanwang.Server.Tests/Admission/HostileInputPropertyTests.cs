using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Protocol;
using Suanwang.Protocol.Jobs;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Tests.Market;

namespace Suanwang.Server.Tests.Admission;

/// <summary>
/// Generated hostile job specs, money bodies and tenant bodies, from fixed seeds so a failure
/// replays: no answer is a 5xx, and a refused request leaves the tenants, the ledger and the jobs
/// as they were.
/// </summary>
public sealed class HostileInputPropertyTests : IAsyncLifetime
{
    private const int RequestsPerSeed = 150;

    private static readonly string[] s_textPieces =
        ["a", "acme", "train", "x-1", " ", "\t", "\n", "\r", "\0", "\u001b[2J", "\u001b]0;t\u0007", "\u202E", "\u2066", "\u2069", "\u200F", "\u2028", "\"", "\\", "'", "{", "}", "[", "#", ":", "---", "é", "算网", "\uD83D\uDE00", "%", "$"];

    private static readonly string[] s_amounts =
        ["\"1.00\"", "\"0.01\"", "\"+1.00\"", "\"-1.00\"", "\"1e3\"", "\"1E-2\"", "\"0\"", "\"0.001\"", "\" 1.00\"", "\"1.00 \"", "\"1,00\"", "\"NaN\"", "\"Infinity\"", "\"999999999999.99\"",
         "\"1000000000000.01\"", "\"99999999999999999999999999999\"", "\"\"", "\".\"", "\".5\"", "\"١٢\"", "1", "1.5", "1e-320", "null", "true", "[]", "{}"];

    private static readonly string[] s_currencies = ["\"CNY\"", "\"USD\"", "\"cny\"", "\"XYZ\"", "\"CN\"", "\"CNY\\n\"", "1", "null"];

    private static readonly string[] s_tenantIds =
        ["acme", "acme%0A", "acme%0D", "ACME", "nope", "admin", "a%00b", "%E2%80%AEacme", "-acme", "acme-", new string('a', 63), new string('a', 64), "acme%20"];

    private static readonly string[] s_weights =
        ["1", "2.5", "0", "-1", "1e-320", "5e-324", "2.2250738585072014E-308", "1e309", "1000000", "1000001", "0.001", "0.0009", "\"2\"", "null", "true", "1e2", "-0"];

    private MarketServer _market = null!;

    public async Task InitializeAsync() => _market = await MarketServer.StartAsync();

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(20261207)]
    public async Task HostileRequests_NeverAnswer5xx_AndARefusedOneChangesNothing(int seed)
    {
        var random = new Random(seed);
        await _market.TopUpAsync("acme", "1000.00");
        for (var i = 0; i < RequestsPerSeed; i++)
        {
            var request = random.Next(3) switch
            {
                0 => JobSpec(random),
                1 => MoneyBody(random),
                _ => TenantBody(random),
            };
            var sent = $"#{i} {request.Method} {request.RequestUri}: {await request.Content!.ReadAsStringAsync()}";
            var before = await StateAsync();

            var response = await (request.RequestUri!.OriginalString.StartsWith("/api/v1/tenants", StringComparison.Ordinal)
                || request.RequestUri.OriginalString.StartsWith("/api/v1/providers", StringComparison.Ordinal) ? _market.Admin : _market.Acme).SendAsync(request);

            var answer = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"seed {seed} {sent} answered {(int)response.StatusCode}: {answer}");
            if (!response.IsSuccessStatusCode)
            {
                Assert.True(before == await StateAsync(), $"seed {seed} {sent} was refused ({(int)response.StatusCode}) but changed the state");
            }
        }

        var check = await _market.VerifyAsync();
        Assert.True(check.Balanced, string.Join("; ", check.Problems));
    }

    private static HttpRequestMessage JobSpec(Random random)
    {
        var spec = MarketServer.Job(name: "train");
        switch (random.Next(6))
        {
            case 0:
                spec = spec.Replace("name: train", "name: \"" + Quoted(Text(random, 40)) + "\"", StringComparison.Ordinal);
                break;
            case 1:
                spec = spec.Replace("run: echo hello", "run: \"" + Quoted(Text(random, 40)) + "\"", StringComparison.Ordinal);
                break;
            case 2:
                spec = spec.Replace("run: echo hello", "run: echo " + new string('x', random.Next(60_000, 70_000)), StringComparison.Ordinal);
                break;
            case 3:
                spec += "\n---\n" + (random.Next(2) == 0 ? MarketServer.Job(name: "second") : Text(random, 10));
                break;
            case 4:
                spec += "\n" + (random.Next(2) == 0 ? "name: again" : "nmae: typo");
                break;
            default:
                spec = spec.Insert(random.Next(spec.Length), Text(random, 5));
                break;
        }

        // Orders reserve money as well as queue the job, so a refused one must leave the ledger too.
        var order = random.Next(2) == 0;
        var request = new HttpRequestMessage(HttpMethod.Post, order ? "/api/v1/orders" : "/api/v1/jobs")
        {
            Content = new StringContent(spec, Encoding.UTF8, random.Next(2) == 0 ? "application/yaml" : "application/json"),
        };
        if (order)
        {
            request.Headers.Add("Idempotency-Key", "o-" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture));
        }

        return request;
    }

    private static HttpRequestMessage MoneyBody(Random random)
    {
        var fields = new List<string> { "\"amount\": " + Pick(random, s_amounts), "\"currency\": " + Pick(random, s_currencies) };
        if (random.Next(3) == 0)
        {
            fields.Add("\"memo\": \"" + Quoted(Text(random, 20)) + "\"");
        }

        AddLoose(random, fields, "amount", s_amounts);
        var route = Pick(random, ["topups", "refunds", "payouts"]);
        var path = route == "payouts" ? $"/api/v1/providers/{Pick(random, s_tenantIds)}/payouts" : $"/api/v1/tenants/{Pick(random, s_tenantIds)}/{route}";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(fields) };
        if (random.Next(2) == 0)
        {
            request.Headers.Add("Idempotency-Key", "k-" + random.Next(4).ToString(CultureInfo.InvariantCulture));
        }

        return request;
    }

    private static HttpRequestMessage TenantBody(Random random)
    {
        var id = Uri.UnescapeDataString(Pick(random, s_tenantIds)) + (random.Next(4) == 0 ? Text(random, 2) : "") + random.Next(1000).ToString(CultureInfo.InvariantCulture);
        var fields = new List<string> { "\"id\": \"" + Quoted(id) + "\"" };
        if (random.Next(2) == 0)
        {
            fields.Add("\"weight\": " + Pick(random, s_weights));
        }

        if (random.Next(2) == 0)
        {
            fields.Add("\"name\": \"" + Quoted(random.Next(10) == 0 ? new string('n', random.Next(250, 300)) : Text(random, 20)) + "\"");
        }

        AddLoose(random, fields, "weight", s_weights);
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants") { Content = Json(fields) };
    }

    // Sometimes a key twice (the last would win in a loose reader) or a key the body does not have.
    private static void AddLoose(Random random, List<string> fields, string key, string[] values)
    {
        switch (random.Next(4))
        {
            case 0:
                fields.Add($"\"{key}\": {Pick(random, values)}");
                break;
            case 1:
                fields.Add("\"extra\": 1");
                break;
        }
    }

    private static StringContent Json(List<string> fields) => new("{" + string.Join(", ", fields) + "}", Encoding.UTF8, "application/json");

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Text(Random random, int maxPieces)
    {
        var text = new StringBuilder();
        for (var n = random.Next(1, maxPieces + 1); n > 0; n--)
        {
            text.Append(Pick(random, s_textPieces));
        }

        return text.ToString();
    }

    // As the inside of a JSON (and YAML) double-quoted string.
    private static string Quoted(string text)
    {
        var quoted = new StringBuilder();
        foreach (var c in text)
        {
            quoted.Append(c is '"' or '\\' ? "\\" + c : c < ' ' || c is > '~' and < '\u00A0' or >= '\u2000' and <= '\u206F' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return quoted.ToString();
    }

    private async Task<(int Tenants, long Postings, int Jobs)> StateAsync()
    {
        var tenants = await _market.Admin.GetFromJsonAsync<List<TenantView>>("/api/v1/tenants", ProtocolJson.Options);
        var jobs = await _market.Admin.GetFromJsonAsync<JobPage>("/api/v1/jobs?limit=1000", ProtocolJson.Options);
        return (tenants!.Count, (await _market.VerifyAsync()).Postings, jobs!.Items.Count);
    }
}
