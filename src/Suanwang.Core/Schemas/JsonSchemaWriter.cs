using System.Globalization;
using System.Text.Json.Nodes;

namespace Suanwang.Core.Schemas;

/// <summary>
/// Turns a <see cref="FieldSet"/> into JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1).
/// Every mapping is closed (<c>additionalProperties: false</c>) because readers reject unknown keys.
/// The schema states the canonical JSON form; YAML readers also accept scalars written as text.
/// </summary>
public static class JsonSchemaWriter
{
    /// <summary>The dialect written.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>A standalone schema document for <paramref name="set"/>, naming its dialect.</summary>
    public static JsonObject WriteDocument(FieldSet set)
    {
        var schema = new JsonObject { ["$schema"] = Dialect };
        foreach (var (key, value) in Write(set))
        {
            schema[key] = value?.DeepClone();
        }

        return schema;
    }

    /// <summary>The schema of a mapping of <paramref name="set"/>'s fields, for embedding (no <c>$schema</c>).</summary>
    public static JsonObject Write(FieldSet set)
    {
        var properties = new JsonObject();
        foreach (var field in set.Fields)
        {
            properties[field.Name] = Property(field);
        }

        var schema = new JsonObject
        {
            ["title"] = set.Title,
            ["description"] = set.Description,
            ["type"] = "object",
        };
        var required = set.Fields.Where(f => f.Required).Select(f => (JsonNode?)f.Name).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        schema["properties"] = properties;
        schema["additionalProperties"] = false;
        return schema;
    }

    private static JsonObject Property(Field field)
    {
        var schema = Shape(field);

        // A mapping's own description gives way to the field's, which says what it is for here.
        schema.Remove("description");
        schema.Insert(0, "description", field.Description);
        if (field.Default is not null)
        {
            schema["default"] = Value(field, field.Default);
        }

        return schema;
    }

    private static JsonObject Shape(Field field) => field.Kind switch
    {
        FieldKind.Text => Text(field),
        FieldKind.WholeNumber => Bounded(field, "integer"),
        FieldKind.Number or FieldKind.Decimal => Bounded(field, "number"),
        FieldKind.Boolean => new JsonObject { ["type"] = "boolean" },
        FieldKind.Duration => OneOf(DurationSeconds(field), Text(field)),
        FieldKind.Choice => new JsonObject
        {
            ["type"] = "string",
            ["enum"] = new JsonArray(field.Values.Select(v => (JsonNode?)v).ToArray()),
        },
        FieldKind.Mapping => Write(Nested(field)),
        FieldKind.MappingList => new JsonObject { ["type"] = "array", ["items"] = Write(Nested(field)) },
        FieldKind.ValueOrList => OneOf(Text(field), new JsonObject { ["type"] = "array", ["items"] = Text(field) }),
        FieldKind.ValuesOrCounts => OneOf(
            Text(field),
            new JsonObject { ["type"] = "array", ["items"] = Text(field), ["minItems"] = 1 },
            new JsonObject
            {
                ["type"] = "object",
                ["minProperties"] = 1,
                ["additionalProperties"] = Bounded(field, "integer"),
            }),
        FieldKind.NumbersByCount => new JsonObject
        {
            ["type"] = "object",
            ["minProperties"] = 1,
            ["propertyNames"] = new JsonObject { ["pattern"] = "^[0-9]+$" },
            ["additionalProperties"] = new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0 },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "no JSON Schema for this kind"),
    };

    private static JsonObject Text(Field field)
    {
        var schema = new JsonObject { ["type"] = "string", ["minLength"] = 1 };
        if (field.Pattern is not null)
        {
            schema["pattern"] = field.Pattern;
        }

        return schema;
    }

    private static JsonObject Bounded(Field field, string type)
    {
        var schema = new JsonObject { ["type"] = type };
        if (field.Min is double min)
        {
            schema["minimum"] = Number(type, min);
        }

        if (field.Max is double max)
        {
            schema["maximum"] = Number(type, max);
        }

        return schema;
    }

    private static JsonObject DurationSeconds(Field field)
    {
        var schema = new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0 };
        if (field.Max is double max)
        {
            schema["maximum"] = max;
        }

        return schema;
    }

    private static JsonObject OneOf(params JsonObject[] choices) =>
        new() { ["oneOf"] = new JsonArray(choices.Select(c => (JsonNode?)c).ToArray()) };

    private static FieldSet Nested(Field field) =>
        field.Fields ?? throw new ArgumentException($"field '{field.Name}' is a {field.Kind} without fields", nameof(field));

    private static JsonValue Number(string type, double value) =>
        type == "integer" ? JsonValue.Create((long)value) : JsonValue.Create(value);

    private static JsonValue Value(Field field, string text) => field.Kind switch
    {
        FieldKind.WholeNumber => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
        FieldKind.Number or FieldKind.Decimal => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
        FieldKind.Boolean => JsonValue.Create(bool.Parse(text)),
        _ => JsonValue.Create(text),
    };
}
