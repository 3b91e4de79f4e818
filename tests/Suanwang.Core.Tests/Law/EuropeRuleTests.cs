namespace Suanwang.Core.Tests.Law;

/// <summary>EU rules: GDPR Chapter V; each row facts -> outcome and rule.</summary>
public sealed class EuropeRuleTests
{
    [Theory]
    [InlineData("from=DE to=FR individuals=1_000", "allow", "G0-9")]
    [InlineData("from=DE to=US", "allow", "EU-0")]
    [InlineData("from=DE to=JP individuals=1", "allow", "EU-1")]
    [InlineData("from=FR to=GB sensitive=5", "allow", "EU-1")]
    [InlineData("from=NO to=CH individuals=1", "allow", "EU-1")]
    [InlineData("from=DE to=US individuals=1", "deny", "EU-2")]
    [InlineData("from=DE to=US individuals=1 scc=valid", "allow", "EU-2a")]
    [InlineData("from=DE to=IN individuals=1 bcr=valid", "allow", "EU-2a")]
    [InlineData("from=DE to=IN individuals=1 scc=expired", "deny", "G0-4")]
    [InlineData("from=DE to=IN individuals=1 kind=transfer one_off=true approved=true", "allow", "EU-3a")]
    [InlineData("from=DE to=IN individuals=1 kind=transfer one_off=true", "deny", "EU-2")]
    [InlineData("from=DE to=IN individuals=1 kind=transfer approved=true", "deny", "EU-2")]
    [InlineData("from=DE to=IN individuals=1 one_off=true approved=true", "deny", "EU-2")]
    [InlineData("from=US to=IN subjects=FR individuals=1", "deny", "EU-2")]
    public void Chapter_five(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);
}
