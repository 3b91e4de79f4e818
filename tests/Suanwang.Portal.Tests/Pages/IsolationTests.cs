using System.Net;
using Suanwang.Portal.Tests.Support;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>A tenant sees only its own jobs, as through the REST API; hostile names render inert.</summary>
public sealed class IsolationTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    [Fact]
    public async Task AnotherTenantsJob_Is404_OnEveryPageAndFeed_ButAnAdminSeesIt()
    {
        var ownerKey = await Network.TenantAsync("iso-owner");
        var otherKey = await Network.TenantAsync("iso-other");
        var job = await Network.SubmitAsync(ownerKey, "name: private-work\nrun: echo secret\nresources: { cards: 1 }\n");
        using var owner = new PortalClient(Network.Url);
        await owner.SignInAsync(ownerKey);
        using var other = new PortalClient(Network.Url);
        await other.SignInAsync(otherKey);
        using var admin = new PortalClient(Network.Url);
        await admin.SignInAsync(Network.AdminKey);

        Assert.Contains("private-work", await owner.PageAsync($"/jobs/{job}"), StringComparison.Ordinal);
        Assert.Contains("private-work", await owner.PageAsync("/jobs"), StringComparison.Ordinal);
        await other.PageAsync($"/jobs/{job}", HttpStatusCode.NotFound);
        await other.PageAsync($"/portal/jobs/{job}/state", HttpStatusCode.NotFound);
        await other.PageAsync($"/portal/jobs/{job}/log", HttpStatusCode.NotFound);
        Assert.DoesNotContain("private-work", await other.PageAsync("/jobs"), StringComparison.Ordinal);
        Assert.Contains("private-work", await admin.PageAsync($"/jobs/{job}"), StringComparison.Ordinal);

        using var cancel = await other.PostAsync($"/jobs/{job}?handler=Cancel", [], "/jobs");
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.DoesNotContain("cancelled", await owner.PageAsync($"/portal/jobs/{job}/state"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_NeedsTheAntiforgeryToken_AndThenCancels()
    {
        var key = await Network.TenantAsync("iso-cancel");
        var job = await Network.SubmitAsync(key, "name: to-cancel\nrun: sleep 600\nresources: { cards: 1 }\n");
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);

        using var forged = await portal.PostAsync($"/jobs/{job}?handler=Cancel", [], null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("cancelled", await portal.PageAsync($"/portal/jobs/{job}/state"), StringComparison.Ordinal);

        using var cancelled = await portal.PostAsync($"/jobs/{job}?handler=Cancel", [], $"/jobs/{job}");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("\"cancelled\"", await portal.PageAsync($"/portal/jobs/{job}/state"), StringComparison.Ordinal);
        using var again = await portal.PostAsync($"/jobs/{job}?handler=Cancel", [], $"/jobs/{job}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task HostileNames_RenderAsText_InsideBdi(string language)
    {
        var key = await Network.TenantAsync("iso-hostile-" + language.ToLowerInvariant());
        var job = await Network.SubmitAsync(key, "name: \"<script>alert('x')</script>\"\nrun: echo hi\nresources: { cards: 1 }\n");
        using var portal = new PortalClient(Network.Url, language);
        await portal.SignInAsync(key);

        foreach (var html in new[] { await portal.PageAsync("/jobs"), await portal.PageAsync($"/jobs/{job}") })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.Contains("<bdi>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</bdi>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BidiOverrides_InTextShownBack_AreVisibleEscapes()
    {
        var key = await Network.TenantAsync("iso-bidi");
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(key);

        using var response = await portal.PostAsync("/order?handler=Validate", [new("Form.Name", "<script>x</script>"), new("Form.Run", "echo"), new("Form.Yaml", "priority: \"\u202Ehigh\u2066\"")], "/order");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2066", html, StringComparison.Ordinal);
        Assert.Contains("\\u202Ehigh\\u2066", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x", html, StringComparison.Ordinal);
    }
}
