using System.Globalization;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Sites;
using Suanwang.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Suanwang.Core.Jobs;

/// <summary>Reads a job spec (YAML or JSON, which is YAML too); see docs/formats/job.md.</summary>
public static class JobSpecReader
{
    private static readonly string[] s_fields =
    [
        "name", "tenant", "run", "num_nodes", "resources", "estimated_runtime", "reference_model", "scale_runtime",
        "time_limit", "priority", "spot", "budget", "inputs", "allowed_jurisdictions",
    ];

    /// <summary>Parses a job spec; <paramref name="source"/> names the file or request in errors.</summary>
    public static JobSpec Parse(string yaml, string source, AcceleratorCatalog catalog)
    {
        var root = YamlText.LoadRoot(yaml, source);
        root.RejectUnknown(s_fields);
        var resources = ReadResources(root, catalog);
        var runtime = ReadDuration(root, "estimated_runtime") ?? throw root.Error("estimated_runtime", "required field is missing (for example 2h)");
        var reference = root.OptionalString("reference_model");
        if (reference is not null && !catalog.TryGet(reference, out _))
        {
            throw root.Error("reference_model", $"'{reference}' is not in the accelerator catalog");
        }

        var limit = ReadDuration(root, "time_limit");
        return new JobSpec(
            root.RequiredString("name"),
            root.RequiredString("tenant"),
            root.OptionalString("run"),
            resources,
            runtime,
            reference,
            root.OptionalBool("scale_runtime", true),
            limit,
            root.OptionalInt("priority", 0, -1_000_000, 1_000_000),
            root.OptionalBool("spot", false),
            ReadBudget(root),
            root.MapSequence("inputs").Select(ReadInput).ToList(),
            ReadJurisdictions(root));
    }

    private static double? ReadDuration(YamlMap map, string key)
    {
        var text = map.OptionalString(key);
        if (text is null)
        {
            return null;
        }

        return DurationText.TryParseSeconds(text, out var reason) ?? throw map.Error(key, reason!);
    }

    private static ResourceRequest ReadResources(YamlMap root, AcceleratorCatalog catalog)
    {
        var nodes = root.OptionalInt("num_nodes", 1, 1, 100_000);
        var map = root.RequiredMap("resources");
        map.RejectUnknown("accelerators", "cards", "pflops", "min_memory_gib");
        var choice = AcceleratorChoice.Preference;
        var models = new List<string>();
        int? cardsFromModels = null;
        if (map.TryGet("accelerators", out var node))
        {
            var field = map.FieldPath("accelerators");
            IEnumerable<(YamlNode Node, string Text)> entries;
            if (node is YamlMappingNode set)
            {
                // A mapping {H100: 8, A100-80GB: 8} is SkyPilot's any-of set.
                choice = AcceleratorChoice.AnyOf;
                entries = set.Children.Select(e => (e.Key, $"{map.Scalar(e.Key, field)}:{map.Scalar(e.Value, field)}"));
            }
            else if (node is YamlSequenceNode list)
            {
                entries = list.Children.Select(n => (n, map.Scalar(n, field)));
            }
            else
            {
                entries = [(node, map.Scalar(node, field))];
            }

            foreach (var (entryNode, text) in entries)
            {
                var parts = text.Split(':');
                if (!catalog.TryGet(parts[0].Trim(), out var model))
                {
                    throw map.ErrorAt(entryNode, field, $"'{parts[0]}' is not in the accelerator catalog; known: {string.Join(", ", catalog.Models.Select(m => m.Id))}");
                }

                if (parts.Length > 1)
                {
                    if (parts.Length > 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > 64)
                    {
                        throw map.ErrorAt(entryNode, field, $"'{text}' must be MODEL or MODEL:CARDS with 1..64 cards");
                    }

                    if (cardsFromModels is int other && other != count)
                    {
                        throw map.ErrorAt(entryNode, field, "every model in the list must ask for the same number of cards");
                    }

                    cardsFromModels = count;
                }

                if (!models.Contains(model.Id))
                {
                    models.Add(model.Id);
                }
            }

            if (models.Count == 0)
            {
                throw map.Error("accelerators", "the list is empty; leave the field out to accept any model");
            }
        }

        var cards = map.Has("cards") ? map.RequiredInt("cards", 1, 64) : cardsFromModels ?? 1;
        if (cardsFromModels is int fromModels && map.Has("cards") && fromModels != cards)
        {
            throw map.Error("cards", $"{cards} disagrees with the {fromModels} cards named in accelerators");
        }

        double? pflops = map.Has("pflops") ? map.RequiredDouble("pflops", 0.0001, 1e7) : null;
        if (pflops is not null && (map.Has("cards") || cardsFromModels is not null))
        {
            throw map.Error("pflops", "give either pflops or a card count, not both");
        }

        if (pflops is not null && root.Has("num_nodes"))
        {
            throw root.Error("num_nodes", "a job that asks for pflops gets the nodes its cards need; leave num_nodes out");
        }

        return new ResourceRequest(models, choice, cards, nodes, pflops, map.OptionalDouble("min_memory_gib", 0, 0, 4096));
    }

    private static Money.Money? ReadBudget(YamlMap root)
    {
        var map = root.OptionalMap("budget");
        if (map is null)
        {
            return null;
        }

        map.RejectUnknown("amount", "currency");
        var currency = map.RequiredString("currency");
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw map.Error("currency", $"'{currency}' is not an ISO 4217 currency code");
        }

        return new Money.Money(map.RequiredDecimal("amount", 0m), currency);
    }

    private static DataInput ReadInput(YamlMap map)
    {
        map.RejectUnknown("name", "size_gb", "site", "jurisdiction", "class");
        var text = map.RequiredString("jurisdiction");
        var jurisdiction = Jurisdiction.TryParse(text, out var reason) ?? throw map.Error("jurisdiction", reason!);
        var classText = map.OptionalString("class") ?? "general";
        var dataClass = classText.ToLowerInvariant() switch
        {
            "general" => DataClass.General,
            "important" => DataClass.Important,
            "core" => DataClass.Core,
            _ => throw map.Error("class", $"'{classText}' is not one of general, important, core"),
        };
        return new DataInput(map.RequiredString("name"), map.RequiredDouble("size_gb", 0, 1e9), map.OptionalString("site"), jurisdiction, dataClass);
    }

    private static List<Jurisdiction> ReadJurisdictions(YamlMap root)
    {
        var result = new List<Jurisdiction>();
        var items = root.StringList("allowed_jurisdictions");
        foreach (var item in items)
        {
            result.Add(Jurisdiction.TryParse(item, out var reason) ?? throw root.Error("allowed_jurisdictions", reason!));
        }

        return result;
    }
}
