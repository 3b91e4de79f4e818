namespace Suanwang.Core.Tests.Law;

/// <summary>SA rules: PDPL Art 29 and the 2024 Transfer Regulation; each row facts -> outcome and rule.</summary>
public sealed class SaudiRuleTests
{
    [Theory]
    [InlineData("from=SA to=AE", "allow", "SA-0")]
    [InlineData("from=SA to=AE individuals=1", "deny", "SA-1p")]
    [InlineData("from=SA to=AE individuals=1 purpose=true", "deny", "SA-1")]
    [InlineData("from=SA to=AE individuals=1 purpose=true scc=valid", "allow", "SA-1b")]
    [InlineData("from=SA to=AE individuals=1 purpose=true bcr=valid", "allow", "SA-1b")]
    [InlineData("from=SA to=AE individuals=1 purpose=true cert=valid", "allow", "SA-1b")]
    [InlineData("from=SA to=AE individuals=1 scc=valid", "deny", "SA-1p")]
    [InlineData("from=SA to=AE individuals=1 exemption=emergency", "allow", "SA-1e")]
    [InlineData("from=SA to=AE individuals=1 purpose=true cert=expired", "deny", "G0-4")]
    public void Adequacy_or_safeguards(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);
}
