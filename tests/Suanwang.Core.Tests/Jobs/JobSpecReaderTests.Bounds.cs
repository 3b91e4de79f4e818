using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Yaml;

namespace Suanwang.Core.Tests.Jobs;

// Numbers and durations a user sends are bounded, so nothing downstream (time spans, money sums)
// can overflow; broken or hostile documents fail as located errors, not as crashes.
public sealed partial class JobSpecReaderTests
{
    private static string WithLine(string line) => $"name: j\ntenant: t\nresources: {{cards: 1}}\nestimated_runtime: 1h\n{line}\n";

    [Theory]
    [InlineData("time_limit: 9223372036854775807", "time_limit")]
    [InlineData("time_limit: 1e25", "time_limit")]
    [InlineData("time_limit: 366d", "time_limit")]
    [InlineData("time_limit: 8761h", "time_limit")]
    [InlineData("estimated_runtime: 1e300", "estimated_runtime")]
    public void Parse_DurationOverAYear_IsRefusedNamingTheField(string line, string field)
    {
        var yaml = field == "estimated_runtime"
            ? $"name: j\ntenant: t\nresources: {{cards: 1}}\n{line}\n"
            : WithLine(line);

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, line), field, "is longer than the most allowed, 365d");
    }

    [Fact]
    public void Parse_DurationOfExactlyAYear_IsAccepted()
    {
        var spec = Parse(WithLine("time_limit: 365d"));

        Assert.Equal(JobSpecFields.MaxDurationSeconds, spec.TimeLimitSeconds);
    }

    [Theory]
    [InlineData("priority: 1000001", "priority", "out of range")]
    [InlineData("priority: 9223372036854775807", "priority", "is not a whole number")]
    [InlineData("num_nodes: 100001", "num_nodes", "out of range")]
    [InlineData("budget: {amount: 1000000000000.01, currency: CNY}", "budget.amount", "must be at most 1000000000000")]
    [InlineData("budget: {amount: 1e25, currency: CNY}", "budget.amount", "is not a decimal amount")]
    [InlineData("budget: {amount: 79228162514264337593543950336, currency: CNY}", "budget.amount", "is not a decimal amount")]
    public void Parse_NumberOutOfRange_IsRefusedNamingTheField(string line, string field, string phrase)
    {
        var yaml = WithLine(line);

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, line), field, phrase);
    }

    [Fact]
    public void Parse_CardsOverTheBound_IsRefused()
    {
        const string yaml = "name: j\ntenant: t\nresources: {cards: 65}\nestimated_runtime: 1h\n";

        TestYaml.AssertError(ErrorOf(yaml), Source, 3, "resources.cards", "out of range");
    }

    [Fact]
    public void Parse_BudgetOfATrillion_IsAccepted()
    {
        var spec = Parse(WithLine("budget: {amount: 1000000000000, currency: CNY}"));

        Assert.Equal(1_000_000_000_000m, spec.Budget!.Value.Amount);
    }

    [Theory]
    [InlineData('{', '}')]
    [InlineData('[', ']')]
    public void Parse_NestedDeeperThanTheLimit_IsALocatedErrorNotAStackOverflow(char open, char close)
    {
        // A JSON body is YAML too; 30,000 levels would exhaust the stack of a recursive reader.
        var value = open == '{' ? "{\"a\": " : "[";
        var deep = string.Concat(Enumerable.Repeat(value, 30_000)) + "1" + new string(close, 30_000);
        var json = $"{{\"name\": \"j\", \"tenant\": \"t\", \"resources\": {{}},\n\"estimated_runtime\": 60, \"inputs\": {deep}}}";

        var error = ErrorOf(json);

        Assert.Equal((Source, 2, ""), (error.Source, error.Line, error.Field));
        Assert.Contains($"nested deeper than {DepthLimitedParser.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestedToTheLimit_ReachesTheFieldReaders()
    {
        var inner = string.Concat(Enumerable.Repeat("[", DepthLimitedParser.MaxDepth - 1)) + "1" + new string(']', DepthLimitedParser.MaxDepth - 1);
        var yaml = WithLine($"inputs: {inner}");

        Assert.Contains("expected a mapping of fields", ErrorOf(yaml).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resources: {cards: 1")]
    [InlineData("resources: [H100")]
    public void Parse_UnclosedFlowCollection_IsALocatedYamlError(string line)
    {
        var yaml = $"name: j\ntenant: t\n{line}\nestimated_runtime: 1h\nrun: echo hi\n";

        var error = ErrorOf(yaml);

        Assert.Equal(Source, error.Source);
        Assert.InRange(error.Line, 3, 6);
        Assert.StartsWith("not valid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.ToString());
    }
}
