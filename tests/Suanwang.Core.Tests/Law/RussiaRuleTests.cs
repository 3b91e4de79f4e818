namespace Suanwang.Core.Tests.Law;

/// <summary>RU rules: 152-FZ Arts 12 and 18(5); each row facts -> outcome and rule.</summary>
public sealed class RussiaRuleTests
{
    [Theory]
    [InlineData("from=RU to=DE", "allow", "RU-0")]
    [InlineData("from=RU to=DE individuals=1", "deny", "RU-2")]
    [InlineData("from=RU to=DE individuals=1 notice=valid", "allow", "RU-2a")]
    [InlineData("from=RU to=KZ individuals=1 notice=valid", "allow", "RU-2a")]
    [InlineData("from=RU to=US individuals=1 notice=valid notice_days=9", "deny", "RU-4")]
    [InlineData("from=RU to=US individuals=1 notice=valid notice_days=10", "allow", "RU-2b")]
    [InlineData("from=RU to=US individuals=1 notice=valid notice_days=0", "deny", "RU-4")]
    [InlineData("from=RU to=DE individuals=1 notice=valid ban=true", "deny", "RU-3")]
    [InlineData("from=DE to=FR subjects=RU individuals=1 notice=valid", "deny", "RU-1")]
    [InlineData("from=RU to=DE subjects=RU individuals=1 notice=valid", "allow", "RU-2a")]
    [InlineData("from=RU to=DE subjects=RU individuals=1 notice=valid kind=transfer", "deny", "RU-1")]
    [InlineData("from=RU to=DE subjects=RU individuals=1 notice=valid kind=transfer copy=true", "allow", "RU-2a")]
    [InlineData("from=RU to=RU subjects=RU individuals=1", "allow", "G0-9")]
    public void Localisation_and_notice(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);
}
