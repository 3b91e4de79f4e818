using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Suanwang.Portal.Tests.Support;
using Xunit.Abstractions;

namespace Suanwang.Portal.Tests.Browser;

/// <summary>The portal in a real browser: the main flow in English and Chinese, under the real CSP, and axe-core on every page.</summary>
public sealed class BrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    // A guard against a flow that never finishes, not a measure of speed.
    private const float Timeout = 120_000;

    private PortalNetwork Network => fixture.Network;

    [Theory]
    [InlineData("en-US", "succeeded")]
    [InlineData("zh-CN", "已成功")]
    public async Task ANewTenant_OrdersTheCheapestOfferInACountry_WatchesItRun_AndSeesItsCharge(string locale, string succeeded)
    {
        var language = locale[..2];
        var key = await Network.TenantAsync("browser-" + language, topUp: 20);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text + " " + message.Location);
            }
        };

        await page.GotoAsync(new Uri(Network.Url, "/market").ToString());
        await page.WaitForURLAsync("**/sign-in**");
        await page.FillAsync("#key", key);
        await page.PressAsync("#key", "Enter");
        await page.WaitForURLAsync("**/market");

        var clock = Stopwatch.StartNew();
        await page.FillAsync("#f-country", "CN");
        await page.SelectOptionAsync("#f-sort", "price");
        await page.SelectOptionAsync("#f-order", "asc");
        await page.ClickAsync("#apply-filters");
        await page.WaitForURLAsync("**/market?**");
        var first = page.Locator("table.offers tbody tr").First;
        Assert.Equal(PortalNetwork.CheapestInCn, await first.GetAttributeAsync("data-site"));
        Assert.Equal(2, await page.Locator("table.offers tbody tr").CountAsync());
        await ShotAsync(page, "market", language);

        await first.Locator("a.button").ClickAsync();
        await page.WaitForURLAsync("**/order?**");
        Assert.Equal("CN", await page.InputValueAsync("#o-country"));
        await page.FillAsync("#o-name", "browser-" + language);
        await page.FillAsync("#o-run", "echo portal-log-line; echo 日志第二行");
        await page.FillAsync("#o-limit", "10m");

        // The live check, under the real CSP: a bad line in the YAML box is named as the user types, then cleared.
        await page.FillAsync("#o-yaml", "speed: fast");
        await Assertions.Expect(page.Locator("#o-live")).ToHaveAttributeAsync("data-valid", "false", new LocatorAssertionsToHaveAttributeOptions { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#o-live")).ToContainTextAsync("speed", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
        await page.FillAsync("#o-yaml", "");
        await Assertions.Expect(page.Locator("#o-live")).ToHaveAttributeAsync("data-valid", "true", new LocatorAssertionsToHaveAttributeOptions { Timeout = Timeout });
        await page.ClickAsync("#quote");
        await page.WaitForSelectorAsync("#confirm-form");
        Assert.Contains(PortalNetwork.CheapestInCn, await page.Locator("#confirm-form tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(page, "order", language);

        await page.ClickAsync("#confirm");
        await page.WaitForURLAsync("**/jobs/*");
        await Assertions.Expect(page.Locator("#job-log")).ToContainTextAsync("portal-log-line", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
        var toRunning = clock.Elapsed;
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync(succeeded, new LocatorAssertionsToHaveTextOptions { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#job-log")).ToContainTextAsync("日志第二行", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });

        // The order settles when the settler next runs: the page shows the charge once it has.
        var settled = Stopwatch.StartNew();
        while (!(await page.InnerTextAsync("#job-charge")).Any(char.IsDigit))
        {
            Assert.True(settled.Elapsed < TimeSpan.FromSeconds(120), "the job's charge appears on its page");
            await page.WaitForTimeoutAsync(500);
            try
            {
                await page.ReloadAsync();
            }
            catch (PlaywrightException e) when (e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal) || e.Message.Contains("Not attached to an active page", StringComparison.Ordinal))
            {
                // The page reloads itself once its job ends; that navigation replaced this one.
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }

        Assert.Contains(PortalNetwork.CheapestInCn, await page.InnerTextAsync("#job-site"), StringComparison.Ordinal);
        await ShotAsync(page, "job", language);
        var jobId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var charge = (await page.InnerTextAsync("#job-charge")).Trim();

        // The charge is on the statement too, reached from the wallet as a tenant would.
        await page.GotoAsync(new Uri(Network.Url, "/wallet").ToString());
        await page.ClickAsync("a[href='/statements']");
        await page.WaitForURLAsync("**/statements");
        var run = page.Locator($"#statement-runs tr[data-job='{jobId}']");
        await Assertions.Expect(run.Locator("td.charge")).ToHaveTextAsync(charge);
        await Assertions.Expect(page.Locator("#chart-card-hours-day svg")).ToBeVisibleAsync();
        await ShotAsync(page, "statements", language);
        await page.GotoAsync(new Uri(Network.Url, "/tokens").ToString());
        await ShotAsync(page, "tokens", language);
        await page.GotoAsync(new Uri(Network.Url, "/jobs").ToString());
        await ShotAsync(page, "jobs", language);
        await page.GotoAsync(new Uri(Network.Url, "/sites/" + PortalNetwork.CheapestInCn).ToString());
        await ShotAsync(page, "site", language);
        await page.GotoAsync(new Uri(Network.Url, "/wallet").ToString());
        await ShotAsync(page, "wallet", language);
        await page.GotoAsync(new Uri(Network.Url, "/map").ToString());
        await ShotAsync(page, "map", language);
        await page.GotoAsync(new Uri(Network.Url, "/audit").ToString());
        await ShotAsync(page, "audit", language);
        await page.GotoAsync(new Uri(Network.Url, "/audit/check?index=0").ToString());
        await ShotAsync(page, "audit-check", language);

        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));

        // Printed, not asserted: tests never judge wall-clock speed (the target is under 60 s on an unloaded machine).
        output.WriteLine($"{locale}: marketplace to running job {toRunning.TotalSeconds:0.0} s");
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "portal-flow-times.txt"), $"{locale}: marketplace to running job {toRunning.TotalSeconds:0.0} s\n");
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task EveryPage_HasNoSeriousOrCriticalAccessibilityViolation(string locale)
    {
        var key = await Network.TenantAsync("axe-" + locale[..2], topUp: 20);
        var job = await Network.SubmitAsync(key, "name: axe-check\nrun: echo checked\nresources: { cards: 1 }\n");

        // axe's script is injected into the page: only this context lets it past the CSP.
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BypassCSP = true });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await page.GotoAsync(new Uri(Network.Url, "/sign-in").ToString());
        violations.AddRange(await AxeAsync(page, "/sign-in"));
        await page.FillAsync("#key", key);
        await page.PressAsync("#key", "Enter");
        await page.WaitForURLAsync("**/market");
        foreach (var path in new[] { "/market", "/market?country=CN", "/sites/" + PortalNetwork.CheapestInCn, "/jobs", $"/jobs/{job}", "/wallet", "/statements", "/statements?month=2026-13", "/tokens", "/map", "/audit", "/audit/check?index=0", "/operator", "/order" })
        {
            await page.GotoAsync(new Uri(Network.Url, path).ToString());
            violations.AddRange(await AxeAsync(page, path));
        }

        await page.FillAsync("#o-name", "axe-quote");
        await page.FillAsync("#o-run", "echo quoted");
        await page.ClickAsync("#quote");
        await page.WaitForSelectorAsync("#confirm-form");
        violations.AddRange(await AxeAsync(page, "/order (quote)"));
        await page.FillAsync("#o-yaml", "priority: high");
        await page.ClickAsync("#validate");
        await page.WaitForSelectorAsync("#order-error");
        violations.AddRange(await AxeAsync(page, "/order (refused)"));

        // The operator views, as the admin.
        await page.ClickAsync("form[action='/sign-out'] button");
        await page.WaitForURLAsync("**/sign-in**");
        await page.FillAsync("#key", Network.AdminKey);
        await page.PressAsync("#key", "Enter");
        await page.WaitForURLAsync("**/market");
        foreach (var path in new[] { "/operator", "/operator/ledger" })
        {
            await page.GotoAsync(new Uri(Network.Url, path).ToString());
            if (path == "/operator/ledger")
            {
                // The page shows the last check: run one, through the page's button.
                await page.ClickAsync("#ledger-check");
                await page.WaitForSelectorAsync("#ledger-at");
            }

            await ShotAsync(page, path == "/operator" ? "operator" : "ledger", locale[..2]);
            violations.AddRange(await AxeAsync(page, path));
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task AnAdmin_TopsUpAWallet_IssuesAKeyAndRevokesIt_ThroughThePages(string locale)
    {
        var language = locale[..2];
        var tenant = "browser-admin-" + language;
        await Network.TenantAsync(tenant);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BypassCSP = true, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await page.GotoAsync(new Uri(Network.Url, "/sign-in").ToString());
        await page.FillAsync("#key", Network.AdminKey);
        await page.PressAsync("#key", "Enter");
        await page.WaitForURLAsync("**/market");

        await page.GotoAsync(new Uri(Network.Url, "/wallet?tenant=" + tenant).ToString());
        violations.AddRange(await AxeAsync(page, "/wallet (admin)"));
        await page.FillAsync("#topup-amount", "abc");
        await page.ClickAsync("#topup-submit");
        await page.WaitForSelectorAsync("#topup-error");
        violations.AddRange(await AxeAsync(page, "/wallet (refused)"));
        await page.FillAsync("#topup-amount", "42.50");
        await page.FillAsync("#topup-memo", "<script>alert(1)</script>");
        await page.ClickAsync("#topup-submit");
        await page.WaitForSelectorAsync("#wallet-done");
        Assert.Contains("42.50", await page.InnerTextAsync("#wallet-available"), StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", await page.InnerTextAsync("table.movements"), StringComparison.Ordinal);
        await ShotAsync(page, "wallet-admin", language);

        await page.GotoAsync(new Uri(Network.Url, "/tokens?tenant=" + tenant).ToString());
        await page.FillAsync("#k-jurisdictions", "CN KZ");
        await page.FillAsync("#k-rpm", "60");
        await page.ClickAsync("#create-key");
        await page.WaitForSelectorAsync("#new-key-secret");
        violations.AddRange(await AxeAsync(page, "/tokens (key issued)"));
        var secret = (await page.InnerTextAsync("#new-key-secret")).Trim();
        using (var rest = Network.Rest(secret))
        {
            Assert.True((await rest.GetAsync(new Uri($"/api/v1/tenants/{tenant}/balance", UriKind.Relative))).IsSuccessStatusCode);
        }

        await ShotAsync(page, "tokens-admin", language);
        var issued = page.Locator("#api-keys tbody tr").Filter(new LocatorFilterOptions { HasText = "CN, KZ" });
        await issued.Locator("button.danger").ClickAsync();
        await page.WaitForSelectorAsync("#key-revoked");
        Assert.Equal(0, await page.Locator("#api-keys tbody tr").Filter(new LocatorFilterOptions { HasText = "CN, KZ" }).Locator("button.danger").CountAsync());
        using (var rest = Network.Rest(secret))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await rest.GetAsync(new Uri($"/api/v1/tenants/{tenant}/balance", UriKind.Relative))).StatusCode);
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task AProvider_SignsIn_OpensItsSitesAndItsStatement_AndDownloadsIt(string locale)
    {
        var language = locale[..2];
        var key = await Network.ProviderKeyAsync();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BypassCSP = true, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await page.GotoAsync(new Uri(Network.Url, "/sign-in").ToString());
        await page.FillAsync("#key", key);
        await page.PressAsync("#key", "Enter");
        await page.WaitForURLAsync("**/provider");
        Assert.Equal(PortalNetwork.Sites.Length, await page.Locator("#provider-sites tbody tr").CountAsync());
        violations.AddRange(await AxeAsync(page, "/provider"));

        await page.ClickAsync("#provider-statement");
        await page.WaitForSelectorAsync("#statement-summary");
        Assert.Contains("/statements?provider=Portal%20Test%20Compute", page.Url, StringComparison.Ordinal);
        Assert.Contains("Portal Test Compute", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        violations.AddRange(await AxeAsync(page, "/statements (provider)"));
        await ShotAsync(page, "provider-statement", language);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-csv"));
        Assert.StartsWith("statement-provider-PortalTestCompute-", download.SuggestedFilename, StringComparison.Ordinal);

        await page.GotoAsync(new Uri(Network.Url, "/sites/" + PortalNetwork.CheapestInCn).ToString());
        violations.AddRange(await AxeAsync(page, "/sites (provider)"));
        await page.GotoAsync(new Uri(Network.Url, "/market").ToString());
        await page.WaitForURLAsync("**/forbidden**");
        violations.AddRange(await AxeAsync(page, "/forbidden (provider)"));

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private async Task<IReadOnlyList<string>> AxeAsync(IPage page, string what)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = fixture.AxeScript });
        var found = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run()).violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
        return found.EnumerateArray().Select(v => $"{what}: {v.GetString()}").ToList();
    }

    private static async Task ShotAsync(IPage page, string name, string language)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}-{language}.png"), FullPage = true });
    }
}
