using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Suanwang.ControlPlane.Bench;

/// <summary>
/// <c>up</c>: from starting <c>suanwang up</c> on an empty data folder to its first job running,
/// as a user sees it: a fresh process, the two lines it prints, one job submitted over HTTP.
/// </summary>
internal static class UpBench
{
    private const int Runs = 3;
    private const string Job = "name: first\ntenant: admin\nrun: echo first\nresources: { cards: 1 }\nestimated_runtime: 1m\n";

    public static async Task RunAsync(Report report)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "suanwang.dll");
        var times = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var seconds = await OnceAsync(cli);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"up: run {run + 1}: first job running {seconds:F2} s after start"));
            times.Add(seconds);
        }

        times.Sort();
        report.Add(
            "suanwang up to the first job running: best / median",
            string.Create(CultureInfo.InvariantCulture, $"{times[0]:F2} / {Stats.Percentile(times, 0.5):F2} s"),
            "< 5 s",
            Stats.Percentile(times, 0.5) < 5 ? "yes" : "no");
    }

    private static async Task<double> OnceAsync(string cli)
    {
        var data = Directory.CreateTempSubdirectory("suanwang-up-bench-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { cli, "up", "--port", "0", "--data", data })
        {
            info.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet");
        try
        {
            _ = process.StandardError.ReadToEndAsync();
            string? url = null;
            string? key = null;
            while ((url is null || key is null) && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                const string Up = "Suanwang is up at ";
                const string Key = "Admin API key: ";
                url = line.StartsWith(Up, StringComparison.Ordinal) ? line[Up.Length..] : url;
                key = line.StartsWith(Key, StringComparison.Ordinal) ? line[Key.Length..] : key;
            }

            if (url is null || key is null)
            {
                throw new InvalidOperationException("suanwang up ended before printing its URL and key");
            }

            using var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var body = new StringContent(Job, Encoding.UTF8, "application/yaml");
            using var created = await http.PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), body);
            created.EnsureSuccessStatusCode();
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                var state = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/v1/jobs/{id}", UriKind.Relative))).RootElement.GetProperty("state").GetString();
                if (state is "running" or "succeeded")
                {
                    return clock.Elapsed.TotalSeconds;
                }

                await Task.Delay(20);
            }

            throw new TimeoutException("the first job did not start within 60 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }
}
