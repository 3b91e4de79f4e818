using System.Text.Json;

namespace Suanwang.Inference.Api;

// Typed, bounded reads of request fields; a wrong type or value is a 400 naming the field.
internal static class Fields
{
    public static bool Has(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public static string RequiredString(JsonElement root, string name, int maxLength)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw ApiError.Invalid(name, $"Missing required parameter: '{name}'.", "missing_required_parameter");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiError.Invalid(name, $"Invalid type for '{name}': expected a string.", "invalid_type");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw ApiError.Invalid(name, $"'{name}' is longer than {maxLength} characters.", "string_above_max_length");
        }

        return text;
    }

    public static bool Bool(JsonElement root, string name, bool fallback)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiError.Invalid(name, $"Invalid type for '{name}': expected a boolean.", "invalid_type"),
        };
    }

    public static double Number(JsonElement root, string name, double fallback, double min, double max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw ApiError.Invalid(name, $"Invalid type for '{name}': expected a number.", "invalid_type");
        }

        if (number < min || number > max || double.IsNaN(number))
        {
            throw ApiError.Invalid(name, $"Invalid '{name}': {value.GetRawText()} is not between {min} and {max}.");
        }

        return number;
    }

    public static long? Integer(JsonElement root, string name, long min, long max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw ApiError.Invalid(name, $"Invalid type for '{name}': expected an integer.", "invalid_type");
        }

        if (number < min || number > max)
        {
            throw ApiError.Invalid(name, $"Invalid '{name}': {number} is not between {min} and {max}.", number < min ? "integer_below_min_value" : "integer_above_max_value");
        }

        return number;
    }

    public static JsonElement? Object(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw ApiError.Invalid(name, $"Invalid type for '{name}': expected an object.", "invalid_type");
    }

    // stop: a string or an array of up to four non-empty strings.
    public static IReadOnlyList<string> Stop(JsonElement root)
    {
        const int MaxStops = 4;
        const int MaxStopLength = 256;
        if (!root.TryGetProperty("stop", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var stops = new List<string>(MaxStops);
        if (value.ValueKind == JsonValueKind.String)
        {
            stops.Add(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() <= MaxStops)
        {
            foreach (var item in value.EnumerateArray())
            {
                stops.Add(item.ValueKind == JsonValueKind.String
                    ? item.GetString()!
                    : throw ApiError.Invalid("stop", "Invalid type for 'stop': expected a string or an array of strings.", "invalid_type"));
            }
        }
        else
        {
            throw ApiError.Invalid("stop", $"Invalid 'stop': expected a string or an array of at most {MaxStops} strings.");
        }

        if (stops.Exists(s => s.Length is 0 or > MaxStopLength))
        {
            throw ApiError.Invalid("stop", $"Invalid 'stop': each stop sequence must be 1 to {MaxStopLength} characters.");
        }

        return stops;
    }

    // Parameters this server does not implement are refused rather than silently ignored.
    public static void Unsupported(JsonElement root, string name, Func<JsonElement, bool> harmless)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null && !harmless(value))
        {
            throw ApiError.Invalid(name, $"'{name}' is not supported by this model server.", "unsupported_parameter");
        }
    }
}
