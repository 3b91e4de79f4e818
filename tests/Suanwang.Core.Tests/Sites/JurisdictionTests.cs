using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Sites;

public sealed class JurisdictionTests
{
    [Theory]
    [InlineData("CN", "CN", null)]
    [InlineData("cn", "CN", null)]
    [InlineData(" sg ", "SG", null)]
    [InlineData("CN:tianjin-ftz", "CN", "tianjin-ftz")]
    [InlineData("cn: hainan-ftp ", "CN", "hainan-ftp")]
    [InlineData("AE:difc:court", "AE", "difc:court")]
    public void TryParse_ValidText_GivesCountryAndZone(string text, string country, string? zone)
    {
        var jurisdiction = Jurisdiction.TryParse(text, out var reason);

        Assert.Equal(new Jurisdiction(country, zone), jurisdiction);
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("XX", "'XX' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("CHN", "'CHN' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("", "'' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("EU:brussels", "'EU' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("CN:", "the zone after ':' is empty")]
    [InlineData("CN:  ", "the zone after ':' is empty")]
    public void TryParse_InvalidText_GivesNullAndAReason(string text, string reason)
    {
        Assert.Null(Jurisdiction.TryParse(text, out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void Contains_Country_ContainsItsZones()
    {
        Assert.True(new Jurisdiction("CN").Contains(new Jurisdiction("CN", "tianjin-ftz")));
        Assert.True(new Jurisdiction("CN").Contains(new Jurisdiction("CN")));
    }

    [Fact]
    public void Contains_Zone_DoesNotContainTheRestOfItsCountry()
    {
        Assert.False(new Jurisdiction("CN", "tianjin-ftz").Contains(new Jurisdiction("CN")));
        Assert.False(new Jurisdiction("CN", "tianjin-ftz").Contains(new Jurisdiction("CN", "shanghai-ftz")));
    }

    [Fact]
    public void Contains_Zone_ContainsItselfIgnoringCase()
    {
        Assert.True(new Jurisdiction("CN", "tianjin-ftz").Contains(new Jurisdiction("CN", "Tianjin-FTZ")));
    }

    [Fact]
    public void Contains_OtherCountry_IsFalse()
    {
        Assert.False(new Jurisdiction("CN").Contains(new Jurisdiction("SG")));
        Assert.False(new Jurisdiction("CN", "tianjin-ftz").Contains(new Jurisdiction("SG", "tianjin-ftz")));
    }

    [Theory]
    [InlineData("CN", null, "CN")]
    [InlineData("CN", "tianjin-ftz", "CN:tianjin-ftz")]
    public void ToString_WritesTheParseableForm(string country, string? zone, string text)
    {
        var jurisdiction = new Jurisdiction(country, zone);

        Assert.Equal(text, jurisdiction.ToString());
        Assert.Equal(jurisdiction, Jurisdiction.TryParse(text, out _));
    }
}
