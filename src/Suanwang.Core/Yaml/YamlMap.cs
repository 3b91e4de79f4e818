using System.Globalization;
using Suanwang.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Suanwang.Core.Yaml;

/// <summary>
/// A YAML mapping with its source and field path, so that every read can fail with a message
/// naming the file, the line and the field.
/// </summary>
internal sealed partial class YamlMap
{
    private readonly YamlMappingNode _node;

    public YamlMap(YamlMappingNode node, string source, string path)
    {
        _node = node;
        Source = source;
        Path = path;
    }

    public string Source { get; }

    public string Path { get; }

    public int Line => (int)_node.Start.Line;

    public IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries => _node.Children;

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public InputException Error(string key, string message) =>
        new(Source, LineOf(key), FieldPath(key), message);

    public InputException ErrorAt(YamlNode node, string field, string message) =>
        new(Source, (int)node.Start.Line, field, message);

    public int LineOf(string key) => TryGet(key, out var value) ? (int)value.Start.Line : Line;

    public bool Has(string key) => TryGet(key, out _);

    /// <summary>Rejects keys that no reader knows, which catches typos like <c>nodse</c>.</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var entry in _node.Children)
        {
            var key = entry.Key is YamlScalarNode s ? s.Value ?? "" : "";
            if (Array.IndexOf(known, key) < 0)
            {
                var field = FieldPath(key);
                throw new InputException(Source, (int)entry.Key.Start.Line, field, $"unknown field; expected one of: {string.Join(", ", known)}");
            }
        }
    }

    public bool TryGet(string key, out YamlNode value)
    {
        foreach (var entry in _node.Children)
        {
            if (entry.Key is YamlScalarNode s && s.Value == key)
            {
                value = entry.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    public string RequiredString(string key)
    {
        if (!TryGet(key, out var node))
        {
            throw new InputException(Source, Line, FieldPath(key), "required field is missing");
        }

        return Scalar(node, FieldPath(key));
    }

    public string? OptionalString(string key) => TryGet(key, out var node) ? Scalar(node, FieldPath(key)) : null;

    public double RequiredDouble(string key, double min, double max)
    {
        var text = RequiredString(key);
        return ParseDouble(text, key, min, max);
    }

    public double OptionalDouble(string key, double fallback, double min, double max)
    {
        var text = OptionalString(key);
        return text is null ? fallback : ParseDouble(text, key, min, max);
    }

    public int RequiredInt(string key, int min, int max) => ParseInt(RequiredString(key), key, min, max);

    public int OptionalInt(string key, int fallback, int min, int max)
    {
        var text = OptionalString(key);
        return text is null ? fallback : ParseInt(text, key, min, max);
    }

    public decimal RequiredDecimal(string key, decimal min)
    {
        var text = RequiredString(key);
        return ParseDecimal(text, key, min);
    }

    public decimal? OptionalDecimal(string key, decimal min)
    {
        var text = OptionalString(key);
        return text is null ? null : ParseDecimal(text, key, min);
    }

    public bool OptionalBool(string key, bool fallback)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return fallback;
        }

        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(key, $"'{text}' is not true or false"),
        };
    }

    public YamlMap? OptionalMap(string key)
    {
        if (!TryGet(key, out var node))
        {
            return null;
        }

        return node is YamlMappingNode map
            ? new YamlMap(map, Source, FieldPath(key))
            : throw ErrorAt(node, FieldPath(key), "expected a mapping of fields");
    }

    public YamlMap RequiredMap(string key) =>
        OptionalMap(key) ?? throw new InputException(Source, Line, FieldPath(key), "required field is missing");

    /// <summary>The items of a sequence field; absent gives an empty list.</summary>
    public IReadOnlyList<YamlNode> OptionalSequence(string key)
    {
        if (!TryGet(key, out var node))
        {
            return [];
        }

        return node is YamlSequenceNode seq
            ? seq.Children.ToList()
            : throw ErrorAt(node, FieldPath(key), "expected a list");
    }

    /// <summary>The mapping items of a sequence field, each with its indexed path.</summary>
    public IReadOnlyList<YamlMap> MapSequence(string key)
    {
        var items = OptionalSequence(key);
        var result = new List<YamlMap>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"{FieldPath(key)}[{i}]";
            result.Add(items[i] is YamlMappingNode m
                ? new YamlMap(m, Source, field)
                : throw ErrorAt(items[i], field, "expected a mapping of fields"));
        }

        return result;
    }

    /// <summary>A list of scalars; a single scalar is accepted as a list of one.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        if (!TryGet(key, out var node))
        {
            return [];
        }

        if (node is YamlScalarNode)
        {
            return [Scalar(node, FieldPath(key))];
        }

        if (node is not YamlSequenceNode seq)
        {
            throw ErrorAt(node, FieldPath(key), "expected a value or a list of values");
        }

        var result = new List<string>(seq.Children.Count);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            result.Add(Scalar(seq.Children[i], $"{FieldPath(key)}[{i}]"));
        }

        return result;
    }

    public string Scalar(YamlNode node, string field)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw ErrorAt(node, field, "expected a single value");
        }

        var value = scalar.Value ?? "";
        if (value.Length == 0 || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && value is "~" or "null"))
        {
            throw ErrorAt(node, field, "must not be empty");
        }

        return value;
    }

    private double ParseDouble(string text, string key, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(key, $"'{text}' is not a number");
        }

        return value < min || value > max
            ? throw Error(key, $"{text} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]")
            : value;
    }

    private int ParseInt(string text, string key, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(key, $"'{text}' is not a whole number");
        }

        return value < min || value > max ? throw Error(key, $"{text} is out of range [{min}, {max}]") : value;
    }

    private decimal ParseDecimal(string text, string key, decimal min, decimal max = decimal.MaxValue)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(key, $"'{text}' is not a decimal amount");
        }

        if (value > max)
        {
            throw Error(key, $"{text} must be at most {max.ToString(CultureInfo.InvariantCulture)}");
        }

        return value < min ? throw Error(key, $"{text} must be at least {min.ToString(CultureInfo.InvariantCulture)}") : value;
    }
}
