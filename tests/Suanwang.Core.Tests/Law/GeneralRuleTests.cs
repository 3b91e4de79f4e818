using Suanwang.Core.Law;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Law;

/// <summary>G0: every missing fact, expired filing, stale file and error denies; each row facts -> outcome and rule.</summary>
public sealed class GeneralRuleTests
{
    [Theory]
    [InlineData("from=XX", "deny", "G0-1")]
    [InlineData("to=ZZ", "deny", "G0-1")]
    [InlineData("from=CN to=CN class=unclassified", "deny", "G0-2")]
    [InlineData("class=unclassified", "deny", "G0-2")]
    [InlineData("year=-1", "deny", "G0-3")]
    [InlineData("year_sensitive=-1 individuals=1", "deny", "G0-3")]
    [InlineData("sa=expired", "deny", "G0-4")]
    [InlineData("sc=expired individuals=200_000", "deny", "G0-4")]
    [InlineData("to=CN sa=expired", "allow", "G0-9")]
    [InlineData("today=2027-06-30", "allow", "CN-8")]
    [InlineData("today=2027-07-01", "deny", "G0-5")]
    [InlineData("usage=false", "deny", "G0-8")]
    [InlineData("class=important declared=true", "deny", "G0-11")]
    [InlineData("class=core declared=true to=SG", "deny", "G0-11")]
    [InlineData("from=US to=IN class=important declared=true", "deny", "G0-11")]
    [InlineData("to=CN class=important declared=true", "allow", "G0-9")]
    [InlineData("from=US to=US class=core declared=true", "allow", "G0-9")]
    [InlineData("to=CN usage=false", "deny", "G0-8")]
    [InlineData("from=US to=IN", "allow", "G0-10")]
    [InlineData("from=US to=IN individuals=1", "deny", "G0-7")]
    [InlineData("from=US to=IN class=important", "deny", "G0-7")]
    [InlineData("from=US to=US individuals=10 class=core", "allow", "G0-9")]
    public void Fails_closed(string row, string outcome, string rule) => LawFixture.Check(row, outcome, rule);

    [Fact]
    public void An_error_while_evaluating_denies()
    {
        var general = LawFixture.Engine.Files[0];
        var throwing = new LawRule("G0-99", _ => throw new InvalidOperationException("broken"), "broken", LawOutcome.Deny, "test", general.Rules[0].Explain, 1);
        var engine = LawEngine.Of(general with { Rules = [throwing] }, []);
        var verdict = engine.Decide(LawFixture.Facts("to=CN"));
        Assert.False(verdict.Allowed);
        Assert.Equal(LawEngine.Failure, Assert.Single(verdict.Rules));
        Assert.Contains("InvalidOperationException", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_countries_are_the_destinations_the_rules_allow()
    {
        var facts = LawFixture.Facts("individuals=2_000_000");
        var candidates = CountryMask.Of(["CN", "KZ", "DE", "SG"]);
        Assert.Equal(CountryMask.Of(["CN"]), LawFixture.Engine.Allowed(facts, candidates));
        var assessed = LawFixture.Facts("individuals=2_000_000 sa=valid");
        Assert.Equal(candidates, LawFixture.Engine.Allowed(assessed, candidates));
    }

    [Fact]
    public void The_canonical_bytes_are_stable_and_hold_ids_only()
    {
        var facts = LawFixture.Facts("individuals=1_200_000 exemption=none");
        var verdict = LawFixture.Engine.Decide(facts);
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));
        var a = PolicyDecision.Of(facts, verdict, LawFixture.Engine.Version, at).CanonicalBytes();
        var b = PolicyDecision.Of(facts, LawFixture.Engine.Decide(facts), LawFixture.Engine.Version, at.ToUniversalTime()).CanonicalBytes();
        Assert.Equal(a, b);
        var text = System.Text.Encoding.UTF8.GetString(a);
        Assert.StartsWith("{\"at\":\"2026-12-07T02:00:00.0000000Z\",\"counted\":false,\"datasets\":[\"ds-1\"],\"destination\":\"KZ\",\"exemption\":\"none\",", text, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"deny\",\"rule_set\":\"G0@", text, StringComparison.Ordinal);
        Assert.EndsWith("\"rules\":[\"CN-3\"],\"sensitive\":0,\"sensitive_year\":0,\"tenant\":\"acme\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_files_load_with_their_rules()
    {
        var engine = LawFixture.Engine;
        Assert.Equal(["G0", "CN", "EU", "KZ", "RU", "SA"], engine.Files.Select(f => f.Jurisdiction));
        Assert.True(engine.RuleCount >= 40, $"{engine.RuleCount} rules");
        Assert.All(engine.Files.SelectMany(f => f.Rules), r => Assert.False(string.IsNullOrWhiteSpace(r.Citation)));
    }
}
