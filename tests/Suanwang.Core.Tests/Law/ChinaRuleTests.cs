namespace Suanwang.Core.Tests.Law;

/// <summary>CN rules: Provisions (2024), PIPL Arts 38-40, Data Security Law Art 21; each row facts -> outcome and rule.</summary>
public sealed class ChinaRuleTests
{
    [Theory]
    [InlineData("individuals=99_999", "allow", "CN-5")]
    [InlineData("individuals=100_000", "deny", "CN-4")]
    [InlineData("individuals=100_000 sc=valid", "allow", "CN-4a")]
    [InlineData("individuals=100_000 cert=valid", "allow", "CN-4a")]
    [InlineData("individuals=999_999 sc=valid", "allow", "CN-4a")]
    [InlineData("individuals=1_000_000 sc=valid", "deny", "CN-3")]
    [InlineData("individuals=1_000_000 sa=valid", "allow", "CN-3a")]
    [InlineData("individuals=999_999", "deny", "CN-4")]
    [InlineData("individuals=2_000_000", "deny", "CN-3")]
    [InlineData("sensitive=1", "deny", "CN-4")]
    [InlineData("sensitive=9_999 sc=valid", "allow", "CN-4a")]
    [InlineData("sensitive=10_000 sc=valid", "deny", "CN-3")]
    [InlineData("sensitive=10_000 sa=valid", "allow", "CN-3a")]
    [InlineData("sensitive=9_999", "deny", "CN-4")]
    public void Thresholds_on_one_export(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);

    [Theory]
    [InlineData("individuals=1 year=99_998", "allow", "CN-5")]
    [InlineData("individuals=1 year=99_999", "deny", "CN-4")]
    [InlineData("individuals=1 year=999_998 sc=valid", "allow", "CN-4a")]
    [InlineData("individuals=1 year=999_999 sc=valid", "deny", "CN-3")]
    [InlineData("sensitive=1 year_sensitive=9_998 sc=valid", "allow", "CN-4a")]
    [InlineData("sensitive=1 year_sensitive=9_999 sc=valid", "deny", "CN-3")]
    [InlineData("individuals=10 year_sensitive=1", "deny", "CN-4")]
    [InlineData("exemption=no_personal_information individuals=1", "allow", "CN-5")]
    public void Thresholds_count_cumulatively_since_1_January(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);

    [Theory]
    [InlineData("class=core", "deny", "CN-0")]
    [InlineData("class=core sa=valid exemption=emergency", "deny", "CN-0")]
    [InlineData("class=important authority=true", "deny", "CN-3")]
    [InlineData("class=important authority=true sa=valid", "allow", "CN-3a")]
    [InlineData("class=important authority=true exemption=no_personal_information", "deny", "CN-3")]
    [InlineData("class=important", "allow", "CN-8")]
    [InlineData("class=important individuals=50", "allow", "CN-5")]
    public void Important_data_only_with_an_authority_reference(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);

    [Theory]
    [InlineData("ciio=true individuals=1", "deny", "CN-1")]
    [InlineData("ciio=true individuals=1 sa=valid", "allow", "CN-1a")]
    [InlineData("ciio=true individuals=1 sc=valid", "deny", "CN-1")]
    [InlineData("ciio=true", "allow", "CN-8")]
    [InlineData("ciio=true individuals=5 exemption=human_resources", "allow", "CN-6c")]
    public void Critical_infrastructure_operators_need_an_assessment(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);

    [Theory]
    [InlineData("exemption=no_personal_information", "allow", "CN-6a")]
    [InlineData("exemption=transit individuals=5_000_000", "allow", "CN-6b")]
    [InlineData("exemption=contract individuals=5_000_000", "allow", "CN-6c")]
    [InlineData("exemption=human_resources sensitive=20_000", "allow", "CN-6c")]
    [InlineData("exemption=emergency individuals=2_000_000", "allow", "CN-6c")]
    public void Exemptions_are_recorded_as_claimed(string row, string outcome, string rule)
    {
        var verdict = LawFixture.Check(row, outcome, rule);
        Assert.Contains("recorded as claimed by tenant acme", verdict.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kind=transfer individuals=2_000_000 sa=valid", "deny", "CN-7")]
    [InlineData("kind=transfer individuals=2_000_000 sa=valid copy=true", "allow", "CN-3a")]
    [InlineData("kind=transfer ciio=true individuals=1 sa=valid", "deny", "CN-7")]
    [InlineData("kind=transfer individuals=10", "allow", "CN-5")]
    public void Personal_information_above_the_volume_stays_stored_in_China(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);

    [Theory]
    [InlineData("to=CN individuals=5_000_000 class=important authority=true", "allow", "G0-9")]
    [InlineData("from=DE to=US subjects=CN individuals=2_000_000", "deny", "CN-3")]
    public void The_rules_cover_data_leaving_China_and_Chinese_subjects_data(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);

    [Fact]
    public void A_denial_names_rule_article_and_what_is_missing()
    {
        var verdict = LawFixture.Check("individuals=1_200_000", "deny", "CN-3");
        Assert.Equal(
            "CN-3: 1,200,000 individuals' personal information (0 sensitive) this year, or important data, to KZ needs a CAC security assessment (Provisions Art 7); none covering KZ is on file for tenant acme",
            verdict.Explanation);
    }
}
