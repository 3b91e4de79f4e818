using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Sites;

public sealed class CountryCodesTests
{
    [Fact]
    public void Count_IsTheNumberOfAssignedIsoCodes()
    {
        Assert.Equal(249, CountryCodes.Count);
    }

    [Theory]
    [InlineData("CN")]
    [InlineData("SG")]
    [InlineData("KZ")]
    [InlineData("HK")]
    [InlineData("GB")]
    [InlineData("AD")]
    [InlineData("ZW")]
    public void IsValid_AssignedCode_IsTrue(string code)
    {
        Assert.True(CountryCodes.IsValid(code));
        Assert.InRange(CountryCodes.IndexOf(code), 0, CountryCodes.Count - 1);
    }

    [Theory]
    [InlineData("cn")]
    [InlineData("XX")]
    [InlineData("UK")]
    [InlineData("EU")]
    [InlineData("CHN")]
    [InlineData("")]
    public void IsValid_UnassignedOrLowerCase_IsFalse(string code)
    {
        Assert.False(CountryCodes.IsValid(code));
        Assert.Equal(-1, CountryCodes.IndexOf(code));
    }

    [Fact]
    public void IndexOf_GivesDistinctDenseIndicesInAlphabeticalOrder()
    {
        Assert.Equal(0, CountryCodes.IndexOf("AD"));
        Assert.Equal(CountryCodes.Count - 1, CountryCodes.IndexOf("ZW"));
        Assert.True(CountryCodes.IndexOf("CN") < CountryCodes.IndexOf("SG"));
    }
}
