using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Suanwang.Gateway.Bench;

/// <summary>
/// The Suanwang target the bench starts itself, in front of the fake upstream, as a user would:
/// the <c>suanwang</c> command built beside this bench (Release), run as <c>up</c> with a fresh
/// data folder, a free port and the upstream registered as an external endpoint of its embedded
/// site; then a tenant, its key and a wallet far beyond the run's cost through the admin API.
/// Billing and metering stay on: they are part of what is measured.
/// </summary>
internal static class SuanwangGateway
{
    private const string Tenant = "bench";

    /// <summary>
    /// Starts a Suanwang gateway relaying model <paramref name="model"/> to <paramref name="upstream"/>
    /// and returns the process (for its CPU time; disposed after the run) and the target (its
    /// <c>/v1/</c> URL and a tenant key as the bearer token); null, after a line on
    /// <paramref name="log"/>, when it cannot.
    /// </summary>
    public static async Task<(ChildProcess Process, Target Target)?> TryStartAsync(Uri upstream, string model, TextWriter log)
    {
        if (FindCommand() is not { } command)
        {
            log.WriteLine("Suanwang: src/Suanwang.Cli/bin/Release/net10.0/suanwang not found (dotnet build -c Release first); left out");
            return null;
        }

        var data = Directory.CreateTempSubdirectory("suanwang-gateway-bench-");
        var start = new ProcessStartInfo(command);
        foreach (var arg in new[] { "up", "--port", "0", "--data", data.FullName, "--upstream", $"{model}={upstream}", "--token-price", "1/2", "--upstream-capacity", "1024" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = data.FullName;
        var child = ChildProcess.Start(start, exitsOnInputEnd: false);
        var url = await child.WaitForLineAsync("Suanwang is up at ", TimeSpan.FromSeconds(60));
        var admin = url is null ? null : await child.WaitForLineAsync("Admin API key: ", TimeSpan.FromSeconds(10));
        if (url is null || admin is null)
        {
            log.WriteLine($"Suanwang: up did not start; left out:{Environment.NewLine}{child.Tail()}");
            await child.DisposeAsync();
            return null;
        }

        var server = Target.Base(url.Trim());
        try
        {
            var key = await PrepareAsync(server, admin.Trim(), model);
            return (child, new Target("suanwang", new Uri(server, "v1/"), [new("Authorization", "Bearer " + key)], model, ProcessCpu.Of(child.Id)) { Own = OwnTime.Of(server, admin.Trim()) });
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or InvalidOperationException or JsonException)
        {
            log.WriteLine($"Suanwang: could not prepare a tenant ({e.Message}); left out");
            await child.DisposeAsync();
            return null;
        }
    }

    /// <summary>A tenant key with a wallet far beyond the run's cost, once the model is listed.</summary>
    private static async Task<string> PrepareAsync(Uri server, string adminKey, string model)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using (var tenant = await http.PostAsJsonAsync("api/v1/tenants", new { id = Tenant }))
        {
            tenant.EnsureSuccessStatusCode();
        }

        // The default per-key rate (50/s) would refuse most of the load; the bench measures the gateway, not the limiter's refusals.
        using (var limits = await http.PutAsJsonAsync($"api/v1/tenants/{Tenant}/limits", new { requests_per_second = 1_000_000, burst = 1_000_000, max_queued_jobs = 1000, max_open_orders = 1000, max_priority = 100 }))
        {
            limits.EnsureSuccessStatusCode();
        }

        using (var topUp = await http.PostAsJsonAsync($"api/v1/tenants/{Tenant}/topups", new { amount = "100000000.00", currency = "CNY", memo = "gateway bench" }))
        {
            topUp.EnsureSuccessStatusCode();
        }

        string key;
        using (var issued = await http.PostAsJsonAsync($"api/v1/tenants/{Tenant}/keys", new { admin = false }))
        {
            issued.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
            key = body.RootElement.GetProperty("key").GetString() ?? throw new InvalidOperationException("the issued key has no secret");
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var models = await http.SendAsync(request);
            if (models.IsSuccessStatusCode && (await models.Content.ReadAsStringAsync()).Contains($"\"{model}\"", StringComparison.Ordinal))
            {
                return key;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"model {model} was not listed at /v1/models within 30 s");
    }

    /// <summary>The built <c>suanwang</c> command of the repository this bench runs from, if any.</summary>
    private static string? FindCommand()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Suanwang.slnx")))
            {
                var path = Path.Combine(folder.FullName, "src", "Suanwang.Cli", "bin", "Release", "net10.0", "suanwang");
                return File.Exists(path) ? path : null;
            }
        }

        return null;
    }
}
