using System.Globalization;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Schemas;

namespace Suanwang.Core.Tests.Jobs;

// The reader takes its bounds from JobSpecFields: a value just past a bound in the definition is
// refused, and one on the bound is read.
public sealed class JobSpecFieldsTests
{
    private const string Source = "spec.yaml";

    public static TheoryData<string> BoundedFields => new() { "num_nodes", "priority", "resources.cards", "resources.min_memory_gib", "resources.pflops" };

    private static Field FieldAt(string path) => path switch
    {
        "num_nodes" => JobSpecFields.NumNodes,
        "priority" => JobSpecFields.Priority,
        "resources.cards" => JobSpecFields.Cards,
        "resources.min_memory_gib" => JobSpecFields.MinMemory,
        "resources.pflops" => JobSpecFields.Pflops,
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };

    private static string SpecWith(string path, double value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var resources = path.StartsWith("resources.", StringComparison.Ordinal) ? $"{{ {path["resources.".Length..]}: {text} }}" : "{}";
        var top = path.StartsWith("resources.", StringComparison.Ordinal) ? "" : $"{path}: {text}\n";
        return $"name: j\ntenant: t\n{top}resources: {resources}\nestimated_runtime: 1h\n";
    }

    [Theory]
    [MemberData(nameof(BoundedFields))]
    public void Parse_ValueOnEachBound_IsRead(string path)
    {
        var field = FieldAt(path);

        JobSpecReader.Parse(SpecWith(path, field.Min!.Value), Source, AcceleratorCatalog.Default);
        JobSpecReader.Parse(SpecWith(path, field.Max!.Value), Source, AcceleratorCatalog.Default);
    }

    [Theory]
    [MemberData(nameof(BoundedFields))]
    public void Parse_ValuePastEitherBound_IsOutOfRange(string path)
    {
        var field = FieldAt(path);
        var step = field.Kind == FieldKind.WholeNumber ? 1 : field.Min!.Value / 2;

        foreach (var value in new[] { field.Min!.Value - Math.Max(step, 1e-5), field.Max!.Value + 1 })
        {
            var error = Assert.Throws<InputException>(() => JobSpecReader.Parse(SpecWith(path, value), Source, AcceleratorCatalog.Default)).Error;
            Assert.Equal(path, error.Field);
            Assert.Contains("is out of range", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Spec_Names_AreTheOrderTheReaderListsThem()
    {
        Assert.Equal(
            ["name", "tenant", "run", "num_nodes", "resources", "estimated_runtime", "reference_model", "scale_runtime", "time_limit", "priority", "spot", "preemptible", "grace", "elastic", "budget", "inputs", "datasets", "allowed_jurisdictions"],
            JobSpecFields.Spec.Names);
    }

    [Theory]
    [InlineData("CNY", true)]
    [InlineData("cny", false)]
    [InlineData("CNY\n", false)]
    [InlineData("CN", false)]
    public void Matches_Currency_IsTheWholeText(string text, bool matches)
    {
        Assert.Equal(matches, JobSpecFields.BudgetCurrency.Matches(text));
    }
}
