using Suanwang.Core.Errors;
using Suanwang.Core.Law;

namespace Suanwang.Core.Tests.Law;

/// <summary>Malformed rule files fail at load with the file, line and field.</summary>
public sealed class RuleFileErrorTests
{
    private const string Head = """
        jurisdiction: CN
        version: "1"
        checked: 2026-01-01
        review_by: 2027-01-01
        countries: [CN]
        lists:
          near: [KZ, MN]
        rules:
          - id: CN-1
        """;

    [Theory]
    [InlineData("    when: individuals >= 100_000 and\n", 10, "rules[0].when", "ends too early")]
    [InlineData("    when: individuals >= \"KZ\"\n", 10, "rules[0].when", "cannot compare")]
    [InlineData("    when: people > 3\n", 10, "rules[0].when", "unknown fact 'people'")]
    [InlineData("    when: destination in @far\n", 10, "rules[0].when", "no list '@far'")]
    [InlineData("    when: destination == \"XX\"\n", 10, "rules[0].when", "'XX' is not an ISO 3166-1")]
    [InlineData("    when: classification == \"secret\"\n", 10, "rules[0].when", "'secret' is not one of: unclassified, general, important, core")]
    [InlineData("    when: individuals\n", 10, "rules[0].when", "expected a true/false condition")]
    [InlineData("    when: individuals > 3 # ok\n    outcome: permit\n", 11, "rules[0].outcome", "'permit' is not allow or deny")]
    [InlineData("    when: ciio\n    unless: consent\n", 11, "rules[0].unless", "unknown field")]
    [InlineData("    when: ciio\n    outcome: deny\n    citation: x\n    explain: \"{people}\"\n", 13, "rules[0].explain", "unknown fact '{people}'")]
    public void A_bad_rule_is_located(string tail, int line, string field, string phrase)
    {
        var rest = tail.Contains("outcome:", StringComparison.Ordinal) ? "" : "    outcome: deny\n    citation: x\n    explain: y\n";
        var text = Head + "\n" + tail + rest;
        var error = Assert.Throws<InputException>(() => RuleFileReader.Read(text, "rules/law/CN.yaml")).Error;
        TestYaml.AssertError(error, "rules/law/CN.yaml", line, field, phrase);
    }

    [Theory]
    [InlineData("jurisdiction: China", "jurisdiction", "two-letter")]
    [InlineData("review_by: 2025-01-01", "review_by", "before checked")]
    [InlineData("checked: 1 January", "checked", "not a date")]
    [InlineData("countries: [CN, XX]", "countries[1]", "'XX' is not an ISO")]
    [InlineData("  near: [KZ, Mongolia]", "lists.near[1]", "'Mongolia' is not an ISO")]
    public void A_bad_header_is_located(string replacement, string field, string phrase)
    {
        var key = replacement.TrimStart().Split(':')[0];
        var lines = (Head + "\n    when: ciio\n    outcome: deny\n    citation: x\n    explain: y\n").Split('\n');
        var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        lines[at] = replacement;
        var error = Assert.Throws<InputException>(() => RuleFileReader.Read(string.Join('\n', lines), "CN.yaml")).Error;
        TestYaml.AssertError(error, "CN.yaml", at + 1, field, phrase);
    }

    [Fact]
    public void The_general_rules_are_required_once_and_ids_are_unique()
    {
        var files = LawFixture.Files().ToList();
        var noGeneral = Assert.Throws<InputException>(() => LawEngine.Load(files.Where(f => !f.Source.EndsWith("G0.yaml", StringComparison.Ordinal))));
        Assert.Contains("no G0 file", noGeneral.Message, StringComparison.Ordinal);
        var cn = files.Single(f => f.Source.EndsWith("CN.yaml", StringComparison.Ordinal));
        var copy = (Source: "rules/law/CN2.yaml", Text: cn.Text.Replace("jurisdiction: CN", "jurisdiction: CX", StringComparison.Ordinal));
        var twice = Assert.Throws<InputException>(() => LawEngine.Load([.. files, copy])).Error;
        Assert.Equal("rules/law/CN2.yaml", twice.Source);
        Assert.Contains("rule id 'CN-0' is already used (rules/law/CN.yaml)", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guards_only_deny()
    {
        var text = "jurisdiction: G0\nversion: \"1\"\nchecked: 2026-01-01\nreview_by: 2027-01-01\nrules:\n  - id: G0-2\n    when: ciio\n    outcome: allow\n    citation: x\n    explain: y\n";
        var error = Assert.Throws<InputException>(() => RuleFileReader.Read(text, "G0.yaml")).Error;
        TestYaml.AssertError(error, "G0.yaml", 8, "rules[0].outcome", "only deny");
    }
}
