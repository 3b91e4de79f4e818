namespace Suanwang.Core.Tests.Law;

/// <summary>KZ rules: Law 94-V Arts 12(2) and 16; each row facts -> outcome and rule.</summary>
public sealed class KazakhstanRuleTests
{
    [Theory]
    [InlineData("from=KZ to=DE", "allow", "KZ-0")]
    [InlineData("from=KZ to=DE individuals=1", "allow", "KZ-2a")]
    [InlineData("from=KZ to=CN individuals=1", "deny", "KZ-2")]
    [InlineData("from=KZ to=CN individuals=1 consent=true", "allow", "KZ-2b")]
    [InlineData("from=KZ to=DE individuals=1 kind=transfer", "deny", "KZ-1")]
    [InlineData("from=KZ to=DE individuals=1 kind=transfer copy=true", "allow", "KZ-2a")]
    [InlineData("from=DE to=FR subjects=KZ individuals=1", "deny", "KZ-1")]
    [InlineData("from=KZ to=KZ subjects=KZ individuals=1", "allow", "G0-9")]
    public void A_copy_stays_in_Kazakhstan(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);
}
