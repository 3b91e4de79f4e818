using Suanwang.Core.Sites;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.Tests.Requests;

public sealed class CountrySetTests
{
    [Fact]
    public void With_EveryCountry_IsContainedAndOnlyIt()
    {
        for (var c = 0; c < CountryCodes.Count; c++)
        {
            var set = CountrySet.None.With(c);

            Assert.True(set.Contains(c));
            Assert.False(set.Contains((c + 1) % CountryCodes.Count));
            Assert.False(set.IsEmpty);
        }
    }

    [Fact]
    public void Intersect_KeepsCommonCountries()
    {
        var cn = CountryCodes.IndexOf("CN");
        var sg = CountryCodes.IndexOf("SG");
        var zw = CountryCodes.IndexOf("ZW");

        var both = CountrySet.None.With(cn).With(zw).Intersect(CountrySet.None.With(zw).With(sg));

        Assert.Equal(CountrySet.None.With(zw), both);
        Assert.True(CountrySet.None.With(cn).Intersect(CountrySet.None.With(sg)).IsEmpty);
        Assert.Equal(CountrySet.None.With(cn), CountrySet.All.Intersect(CountrySet.None.With(cn)));
    }

    [Fact]
    public void AllAndNone_AreWhatTheySay()
    {
        Assert.True(CountrySet.All.IsAll);
        Assert.False(CountrySet.All.IsEmpty);
        Assert.True(CountrySet.None.IsEmpty);
        Assert.False(CountrySet.None.With(0).IsAll);
    }
}
