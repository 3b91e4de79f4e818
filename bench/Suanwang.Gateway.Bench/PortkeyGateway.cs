using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Suanwang.Gateway.Bench;

/// <summary>
/// Portkey's open-source gateway (npm <c>@portkey-ai/gateway</c>), installed with npm into a cache
/// folder outside the repository and started with node on a free port, in front of the fake
/// upstream. Requests name the upstream with Portkey's headers: <c>x-portkey-provider: openai</c>
/// and <c>x-portkey-custom-host: http://127.0.0.1:PORT/v1</c> (loopback is among its trusted
/// custom hosts by default).
/// </summary>
internal static class PortkeyGateway
{
    /// <summary>The version measured.</summary>
    public const string Version = "1.15.2";

    private const string Package = "@portkey-ai/gateway";

    /// <summary>The default cache folder: <c>~/.cache/suanwang-bench/portkey</c>.</summary>
    public static string DefaultFolder() => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "suanwang-bench", "portkey");

    /// <summary>
    /// Installs (when needed) and starts Portkey in front of <paramref name="upstream"/>; null,
    /// after one line on <paramref name="log"/> saying why, when node or npm is missing or it fails.
    /// </summary>
    public static async Task<(ChildProcess Process, Target Target, int NodePid)?> TryStartAsync(string folder, Uri upstream, string model, TextWriter log)
    {
        var node = FindOnPath("node");
        if (node is null)
        {
            log.WriteLine("Portkey: skipped, node is not on PATH (install Node.js to measure it)");
            return null;
        }

        var entry = Path.Combine(folder, "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");
        if (InstalledVersion(folder) != Version && !await InstallAsync(folder, log))
        {
            return null;
        }

        var port = FreePort();
        // Node has no way to follow its parent, so a shell holds it: when the bench's end of the
        // shell's standard input closes (the bench exits, even by kill -9), the shell stops node.
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = folder };
        foreach (var arg in (string[])["-c", "\"$0\" \"$@\" & echo \"node pid $!\"; cat > /dev/null; kill $!", node, entry, $"--port={port}", "--headless"])
        {
            start.ArgumentList.Add(arg);
        }

        // As deployed: production mode leaves out the local log console and its per-request stream.
        start.Environment["NODE_ENV"] = "production";
        var child = ChildProcess.Start(start, exitsOnInputEnd: true);
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var nodePid = await child.WaitForLineAsync("node pid ", TimeSpan.FromSeconds(10));
        if (nodePid is null || !await WaitUntilUpAsync(baseUrl, child))
        {
            log.WriteLine($"Portkey: skipped, it did not answer on {baseUrl} within 30 s:{Environment.NewLine}{child.Tail()}");
            await child.DisposeAsync();
            return null;
        }

        var upstreamText = upstream.ToString().TrimEnd('/');
        var target = new Target(
            "portkey " + Version,
            new Uri(baseUrl, "v1/"),
            [
                new("x-portkey-provider", "openai"),
                new("x-portkey-custom-host", upstreamText),
                new("Authorization", "Bearer sk-bench-unused"),
            ],
            model,
            ProcessCpu.Of(int.Parse(nodePid, System.Globalization.CultureInfo.InvariantCulture)));
        return (child, target, int.Parse(nodePid, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string? InstalledVersion(string folder)
    {
        var manifest = Path.Combine(folder, "node_modules", "@portkey-ai", "gateway", "package.json");
        if (!File.Exists(manifest))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }

    private static async Task<bool> InstallAsync(string folder, TextWriter log)
    {
        var npm = FindOnPath("npm");
        if (npm is null)
        {
            log.WriteLine("Portkey: skipped, npm is not on PATH");
            return false;
        }

        Directory.CreateDirectory(folder);
        log.WriteLine($"Portkey: installing {Package}@{Version} into {folder}");
        var start = new ProcessStartInfo(npm) { WorkingDirectory = folder };
        // Its only install script is patch-package, which has no patches to apply in the published package.
        foreach (var arg in (string[])["install", "--prefix", folder, "--no-audit", "--no-fund", "--ignore-scripts", $"{Package}@{Version}"])
        {
            start.ArgumentList.Add(arg);
        }

        await using var install = ChildProcess.Start(start, exitsOnInputEnd: false);
        var exited = await install.WaitForExitAsync(TimeSpan.FromMinutes(5));
        if (exited != 0 || InstalledVersion(folder) != Version)
        {
            log.WriteLine($"Portkey: skipped, npm install failed (exit {exited?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "timed out"}):{Environment.NewLine}{install.Tail()}");
            return false;
        }

        return true;
    }

    private static async Task<bool> WaitUntilUpAsync(Uri baseUrl, ChildProcess child)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !child.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(baseUrl);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            // Start-up is polled: Portkey prints a banner with a spinner, no line that is safe to wait for.
            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The full path of an executable found on PATH; null when there is none.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
