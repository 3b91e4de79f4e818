using System.Net;
using Suanwang.Portal.Tests.Support;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>Headers, sign-in and sign-out, antiforgery, and the REST API left as it was.</summary>
public sealed class SecurityTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/market")]
    [InlineData("/order")]
    [InlineData("/jobs")]
    [InlineData("/wallet")]
    [InlineData("/statements")]
    [InlineData("/tokens")]
    [InlineData("/sites/cn-portal-cheap")]
    [InlineData("/assets/portal.js")]
    [InlineData("/assets/portal.css")]
    public async Task EveryPage_CarriesTheSecurityHeaders(string path)
    {
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(Network.AdminKey);
        using var response = await portal.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptOrStyle()
    {
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(Network.AdminKey);
        foreach (var path in new[] { "/market", "/order", "/jobs", "/wallet", "/sites/cn-portal-cheap", "/statements", "/tokens" })
        {
            var html = await portal.PageAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
            Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
            Assert.DoesNotMatch("<[^>]*\\son[a-z]+\\s*=", html);
        }
    }

    [Fact]
    public async Task WithoutASession_PagesRedirectToSignIn_AndTheRootToo()
    {
        using var portal = new PortalClient(Network.Url);

        using var root = await portal.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.StartsWith("/sign-in", root.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var market = await portal.GetAsync("/market");
        Assert.Equal(HttpStatusCode.Redirect, market.StatusCode);
        Assert.StartsWith("/sign-in", market.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var feed = await portal.GetAsync("/portal/jobs/1/state");
        Assert.Equal(HttpStatusCode.Unauthorized, feed.StatusCode);
    }

    [Fact]
    public async Task TheRestApi_AnswersAsBefore_WithoutPortalHeaders()
    {
        using var anonymous = new HttpClient { BaseAddress = Network.Url };

        using var jobs = await anonymous.GetAsync(new Uri("/api/v1/jobs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, jobs.StatusCode);
        Assert.Equal("application/problem+json", jobs.Content.Headers.ContentType?.MediaType);
        Assert.False(jobs.Headers.Contains("Content-Security-Policy"));
        using var unknown = await anonymous.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var health = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // A session cookie is no key to the REST API.
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(Network.AdminKey);
        using var withCookie = await portal.GetAsync("/api/v1/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
    }

    [Fact]
    public async Task SignIn_SetsAnHttpOnlyStrictSessionCookie()
    {
        using var portal = new PortalClient(Network.Url);
        var form = await portal.PageAsync("/sign-in");
        using var response = await portal.PostAsync("/sign-in", [new("key", Network.AdminKey), new("__csrf", PortalClient.Token(form))], null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("suanwang_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Network.AdminKey, session, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRefused_AndStartsNoSession()
    {
        using var portal = new PortalClient(Network.Url);
        await portal.PageAsync("/sign-in");

        using var response = await portal.PostAsync("/sign-in", [new("key", Network.AdminKey)], null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var market = await portal.GetAsync("/market");
        Assert.Equal(HttpStatusCode.Redirect, market.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused_AndWithItEndsTheSession()
    {
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(Network.AdminKey);

        using var forged = await portal.PostAsync("/sign-out", [], null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await portal.PageAsync("/market");

        using var signedOut = await portal.PostAsync("/sign-out", [], "/market");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var market = await portal.GetAsync("/market");
        Assert.Equal(HttpStatusCode.Redirect, market.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithAnUnknownKey_Answers401_AndSaysWhy()
    {
        using var portal = new PortalClient(Network.Url);

        using var response = await portal.PostAsync("/sign-in", [new("key", "not-a-key")], "/sign-in");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("This API key is not known", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevokedKey_EndsItsSessionAtOnce()
    {
        var key = await Network.TenantKeyAsync("revoked-soon");
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key.Key);
        await portal.PageAsync("/market");

        (await Network.Admin.DeleteAsync(new Uri($"/api/v1/keys/{key.Id}", UriKind.Relative))).EnsureSuccessStatusCode();

        using var market = await portal.GetAsync("/market");
        Assert.Equal(HttpStatusCode.Redirect, market.StatusCode);
    }

    [Fact]
    public async Task SignIn_RedirectsOnlyToLocalPaths()
    {
        using var portal = new PortalClient(Network.Url);

        using var response = await portal.PostAsync("/sign-in", [new("key", Network.AdminKey), new("return", "https://evil.example/")], "/sign-in");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/market", response.Headers.Location?.OriginalString);
    }
}
