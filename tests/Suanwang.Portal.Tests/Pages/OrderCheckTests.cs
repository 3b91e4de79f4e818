using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Suanwang.Portal.Tests.Support;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>The order page's live check: what Validate says, as JSON, for the script to show as the user types.</summary>
public sealed class OrderCheckTests(RegisteredNetwork fixture) : IClassFixture<RegisteredNetwork>
{
    private PortalNetwork Network => fixture.Network;

    [Fact]
    public async Task ABadLineInTheYamlBox_IsNamed_WithItsFieldAndLine_InTheSpecAndInTheBox()
    {
        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(await Network.TenantAsync("check-bad"));
        var before = await Network.Store.ListJobsAsync(new Suanwang.Storage.Jobs.JobQuery(Limit: 1000), CancellationToken.None);

        var result = await CheckAsync(portal, "estimated_runtime: 1m\nspeed: fast\n");

        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.True(result.TryGetProperty("line", out _), result.ToString());
        Assert.Equal("speed", result.GetProperty("field").GetString());
        // name, run, resources (two lines) and time_limit come first: the box's line 2 is the spec's line 7.
        Assert.Equal(7, result.GetProperty("line").GetInt32());
        Assert.Equal(2, result.GetProperty("yamlLine").GetInt32());
        Assert.Contains("speed", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.Count, (await Network.Store.ListJobsAsync(new Suanwang.Storage.Jobs.JobQuery(Limit: 1000), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task AGoodSpec_IsValid_AndATooLongField_IsNamed()
    {
        using var portal = new PortalClient(Network.Url, "zh-CN");
        await portal.SignInAsync(await Network.TenantAsync("check-good"));

        var good = await CheckAsync(portal, "");
        Assert.True(good.GetProperty("valid").GetBoolean());
        Assert.Equal("作业描述有效，且有站点可以运行。", good.GetProperty("message").GetString());

        var tooLong = await CheckAsync(portal, "", name: new string('n', 201));
        Assert.Equal("name", tooLong.GetProperty("field").GetString());
    }

    [Fact]
    public async Task TheCheck_WantsTheSessionAndTheAntiforgeryToken()
    {
        using var anonymous = new PortalClient(Network.Url);
        using var noSession = await anonymous.PostAsync("/portal/order/check", [new("Form.Name", "x")], null);
        Assert.Equal(HttpStatusCode.Unauthorized, noSession.StatusCode);

        using var portal = new PortalClient(Network.Url);
        await portal.SignInAsync(Network.AdminKey);
        using var noToken = await portal.PostAsync("/portal/order/check", [new("Form.Name", "x")], null);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal("__csrf", (await noToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    private static async Task<JsonElement> CheckAsync(PortalClient portal, string yaml, string name = "checked")
    {
        using var response = await portal.PostAsync(
            "/portal/order/check",
            [new("Form.Name", name), new("Form.Run", "echo hi"), new("Form.Cards", "1"), new("Form.TimeLimit", "10m"), new("Form.Yaml", yaml)],
            "/order");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
