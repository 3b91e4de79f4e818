using System.Diagnostics;
using Microsoft.Playwright;

namespace Suanwang.Portal.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (scripts/chromium.sh installs it when missing; Playwright's
/// own browser download is never used), axe-core from npm in a cache folder outside the repository,
/// and a network of three sites with real agents.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The axe-core version the accessibility checks run.</summary>
    public const string AxeVersion = "4.10.3";

    private IPlaywright? _playwright;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The network the pages show.</summary>
    public Support.PortalNetwork Network { get; private set; } = null!;

    /// <summary>axe.min.js.</summary>
    public string AxeScript { get; private set; } = null!;

    /// <summary>The repository's root folder.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Suanwang.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("the repository root (Suanwang.slnx) is not above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Where screenshots go: SUANWANG_SCREENSHOTS when set (docs/screenshots to refresh the docs), else the test output folder.</summary>
    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("SUANWANG_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder, RepoRoot)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var chromium = (await RunAsync("bash", Path.Combine(RepoRoot, "scripts", "chromium.sh"))).Trim().Split('\n')[^1];
        AxeScript = await AxeAsync();
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Network = await Support.PortalNetwork.StartAsync(agents: true);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Network is not null)
        {
            await Network.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    // npm installs axe-core once into a cache folder outside the repository; later runs reuse it.
    private static async Task<string> AxeAsync()
    {
        var cache = Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "suanwang", "axe-core-" + AxeVersion);
        var script = Path.Combine(cache, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
        {
            Directory.CreateDirectory(cache);
            await RunAsync("npm", "install", "--prefix", cache, "--no-audit", "--no-fund", "--no-save", "axe-core@" + AxeVersion);
        }

        return await File.ReadAllTextAsync(script);
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
