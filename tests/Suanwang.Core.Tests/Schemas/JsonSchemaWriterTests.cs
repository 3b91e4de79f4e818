using System.Text.Json.Nodes;
using Suanwang.Core.Jobs;
using Suanwang.Core.Schemas;

namespace Suanwang.Core.Tests.Schemas;

public sealed class JsonSchemaWriterTests
{
    private static readonly JsonObject s_spec = JsonSchemaWriter.WriteDocument(JobSpecFields.Spec);

    private static JsonObject Property(JsonObject schema, string name) => schema["properties"]![name]!.AsObject();

    [Fact]
    public void WriteDocument_JobSpec_NamesDialectTitleAndRequiredFields()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)s_spec["$schema"]);
        Assert.Equal("JobSpec", (string?)s_spec["title"]);
        Assert.Equal("object", (string?)s_spec["type"]);
        Assert.Equal(["name"], s_spec["required"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void WriteDocument_JobSpec_ListsExactlyTheFieldsTheReaderKnows()
    {
        Assert.Equal(JobSpecFields.Spec.Names, s_spec["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(JobSpecFields.ResourceFields.Names, Property(s_spec, "resources")["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["name", "size_gb", "site", "jurisdiction", "class"], Property(s_spec, "inputs")["items"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void WriteDocument_EveryMapping_RejectsUnknownFields()
    {
        Assert.False((bool)s_spec["additionalProperties"]!);
        Assert.False((bool)Property(s_spec, "resources")["additionalProperties"]!);
        Assert.False((bool)Property(s_spec, "budget")["additionalProperties"]!);
        Assert.False((bool)Property(s_spec, "inputs")["items"]!["additionalProperties"]!);
    }

    [Fact]
    public void WriteDocument_Numbers_CarryTheReadersBoundsAndDefaults()
    {
        var nodes = Property(s_spec, "num_nodes");
        Assert.Equal("integer", (string?)nodes["type"]);
        Assert.Equal(1, (long)nodes["minimum"]!);
        Assert.Equal(100_000, (long)nodes["maximum"]!);
        Assert.Equal(1, (long)nodes["default"]!);

        var resources = Property(s_spec, "resources");
        var pflops = Property(resources, "pflops");
        Assert.Equal("number", (string?)pflops["type"]);
        Assert.Equal(0.0001, (double)pflops["minimum"]!);
        Assert.Equal(1e7, (double)pflops["maximum"]!);
        Assert.Equal(64, (long)Property(resources, "cards")["maximum"]!);
        Assert.Equal(0, (double)Property(Property(s_spec, "budget"), "amount")["minimum"]!);
        Assert.True((bool)Property(s_spec, "scale_runtime")["default"]!);
    }

    [Fact]
    public void WriteDocument_Accelerators_IsAModelAListOrAMappingOfCounts()
    {
        var choices = Property(Property(s_spec, "resources"), "accelerators")["oneOf"]!.AsArray();

        Assert.Equal(["string", "array", "object"], choices.Select(c => (string)c!["type"]!));
        Assert.Equal(1, (int)choices[1]!["minItems"]!);
        var count = choices[2]!["additionalProperties"]!;
        Assert.Equal("integer", (string?)count["type"]);
        Assert.Equal(1, (long)count["minimum"]!);
        Assert.Equal(64, (long)count["maximum"]!);
    }

    [Fact]
    public void WriteDocument_DataClass_IsAnEnumOfTheClasses()
    {
        var dataClass = Property(Property(s_spec, "inputs")["items"]!.AsObject(), "class");

        Assert.Equal(["general", "important", "core"], dataClass["enum"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("general", (string?)dataClass["default"]);
    }

    [Fact]
    public void WriteDocument_Durations_AreSecondsOrTextWithUnits()
    {
        var choices = Property(s_spec, "estimated_runtime")["oneOf"]!.AsArray();

        Assert.Equal(0, (int)choices[0]!["exclusiveMinimum"]!);
        Assert.Equal(DurationText.Pattern, (string?)choices[1]!["pattern"]);
    }

    [Fact]
    public void Write_MappingWithoutFields_Throws()
    {
        var broken = new FieldSet("Broken", "A mapping field with no fields.", new Field("inner", FieldKind.Mapping, "Nothing."));

        Assert.Throws<ArgumentException>(() => JsonSchemaWriter.Write(broken));
    }
}
