using System.Net;
using System.Text.RegularExpressions;
using Suanwang.Portal.Map;
using Suanwang.Portal.Tests.Support;

namespace Suanwang.Portal.Tests.Pages;

/// <summary>The network map: sites drawn where they are (or in their country's middle), by tier, carbon and load; the table.</summary>
public sealed partial class MapTests : IAsyncLifetime
{
    private PortalNetwork _network = null!;

    public async Task InitializeAsync()
    {
        _network = await PortalNetwork.StartAsync(agents: false);
        var at = DateTimeOffset.UtcNow;
        await _network.Store.RegisterSiteAsync("de-map-core", """
            id: de-map-core
            owner: "Map <script>alert(1)</script> \u202Eevil"
            jurisdiction: DE
            tier: core
            location: { lat: 50.11, lon: 8.68 }
            carbon: 150
            pools: [{ model: CPU-core, cards_per_node: 2, nodes: 1, price: 0.5 }]
            """, "local", at, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task TheMap_DrawsEachGroundSite_ByTierAndCarbon_AtItsLocationOrCountry()
    {
        using var portal = new PortalClient(_network.Url);
        await portal.SignInAsync(_network.AdminKey);

        var html = await portal.PageAsync("/map");

        // Frankfurt by its own location, as a core square in the low-carbon colour.
        var (x, y) = WorldMap.Project(50.11, 8.68);
        Assert.Matches($"<rect x=\"{x - 2.5:0.#}\" y=\"{y - 2.5:0.#}\"[^>]*class=\"site carbon-low\" data-site=\"de-map-core\"", html);
        // The test sites have no location: edge circles at their country's middle, in the top carbon band (500 g/kWh is "high").
        var (cx, cy) = WorldMap.Project(WorldMap.Centroid("KZ")!.Value.Latitude, WorldMap.Centroid("KZ")!.Value.Longitude);
        Assert.Contains($"<circle cx=\"{cx:0.#}\" cy=\"{cy:0.#}\" r=\"2.5\" class=\"site carbon-high\" data-site=\"kz-portal-cheapest\">", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "class=\"has-sites\""));
        Assert.Equal(["cn-portal-cheap", "cn-portal-dear", "de-map-core", "kz-portal-cheapest"], Rows(html, "map-sites"));
        // A registered site cannot be orbital (it needs links only a network file gives): the section says so.
        Assert.Contains("No site is in orbit.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileOwners_RenderInert_InBothLanguages()
    {
        foreach (var language in new[] { "en", "zh-CN" })
        {
            using var portal = new PortalClient(_network.Url, language);
            await portal.SignInAsync(_network.AdminKey);

            var html = await portal.PageAsync("/map");

            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
            Assert.Contains(language == "en" ? "Network map" : "网络地图", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("x")]
    [InlineData("1234567")]
    public async Task ABadPage_Is400_NamingIt(string page)
    {
        using var portal = new PortalClient(_network.Url);
        await portal.SignInAsync(_network.AdminKey);

        var html = await portal.PageAsync("/map?page=" + page, HttpStatusCode.BadRequest);

        Assert.Contains("<code>page</code>", html, StringComparison.Ordinal);
    }

    private static List<string> Rows(string html, string table)
    {
        var start = html.IndexOf($"id=\"{table}\"", StringComparison.Ordinal);
        var body = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        return RowPattern().Matches(body).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("<th scope=\"row\"><a href=\"/sites/[^\"]+\"><bdi>([^<]+)</bdi>")]
    private static partial Regex RowPattern();
}
