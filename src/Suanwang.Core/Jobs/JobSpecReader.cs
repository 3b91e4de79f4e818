using System.Globalization;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Schemas;
using Suanwang.Core.Sites;
using Suanwang.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Suanwang.Core.Jobs;

/// <summary>Reads a job spec (YAML or JSON, which is YAML too); see docs/formats/job.md.</summary>
/// <remarks>Field names, bounds and defaults come from <see cref="JobSpecFields"/>, which also gives the JSON Schema.</remarks>
public static partial class JobSpecReader
{
    /// <summary>
    /// Parses a job spec; <paramref name="source"/> names the file or request in errors. Without a
    /// <c>tenant</c> the spec is <paramref name="defaultTenant"/>'s (the sending key's), and is refused
    /// when there is none.
    /// </summary>
    public static JobSpec Parse(string yaml, string source, AcceleratorCatalog catalog, string? defaultTenant = null)
    {
        var root = YamlText.LoadRoot(yaml, source);
        root.RejectUnknown(JobSpecFields.Spec);
        var resources = ReadResources(root, catalog);
        var preemptible = root.Boolean(JobSpecFields.Preemptible);
        var elastic = ReadElastic(root, ref resources);
        var grace = ReadGrace(root, preemptible || elastic is not null);
        var limit = ReadDuration(root, JobSpecFields.TimeLimit);
        var runtime = ReadDuration(root, JobSpecFields.EstimatedRuntime) ?? limit ?? JobSpecFields.DefaultRuntimeSeconds;
        var tenant = root.Text(JobSpecFields.Tenant) ?? defaultTenant
            ?? throw root.Error(JobSpecFields.Tenant.Name, "required field is missing: the tenant that pays (sent to a server, the key's own tenant is taken)");
        var reference = root.Text(JobSpecFields.ReferenceModel);
        if (reference is not null && !catalog.TryGet(reference, out _))
        {
            throw root.Error(JobSpecFields.ReferenceModel.Name, $"'{reference}' is not in the accelerator catalog");
        }

        return new JobSpec(
            ReadName(root),
            tenant,
            ReadRun(root),
            resources,
            runtime,
            reference,
            root.Boolean(JobSpecFields.ScaleRuntime),
            limit,
            root.WholeNumber(JobSpecFields.Priority),
            root.Boolean(JobSpecFields.Spot),
            ReadBudget(root),
            root.MapSequence(JobSpecFields.Inputs.Name).Select(ReadInput).ToList(),
            ReadJurisdictions(root),
            ReadDatasets(root),
            preemptible,
            grace,
            elastic);
    }

    // Names and commands are printed and executed later: refuse what would fake output or fail at start.
    private static string ReadName(YamlMap root)
    {
        var name = root.RequiredText(JobSpecFields.Name);
        return PlainText.NameProblem(name) is { } problem ? throw root.Error(JobSpecFields.Name.Name, $"the name {problem}") : name;
    }

    private static string? ReadRun(YamlMap root)
    {
        var run = root.Text(JobSpecFields.Run);
        return run is not null && PlainText.CommandProblem(run) is { } problem ? throw root.Error(JobSpecFields.Run.Name, $"the command {problem}") : run;
    }

    // Required durations are checked by the caller, which gives an example in its message.
    private static double? ReadDuration(YamlMap map, Field field)
    {
        var text = map.OptionalString(field.Name);
        if (text is null)
        {
            return null;
        }

        var seconds = DurationText.TryParseSeconds(text, out var reason) ?? throw map.Error(field.Name, reason!);
        return field.Max is { } max && seconds > max
            ? throw map.Error(field.Name, string.Create(CultureInfo.InvariantCulture, $"'{text}' is longer than the most allowed, {max / 86_400:0.###}d ({max:0} s)"))
            : seconds;
    }

    private static ResourceRequest ReadResources(YamlMap root, AcceleratorCatalog catalog)
    {
        var nodes = root.WholeNumber(JobSpecFields.NumNodes);
        // Without resources a job takes one card of any model, as an empty mapping says.
        var map = root.OptionalMap(JobSpecFields.Resources.Name) ?? new YamlMap(new YamlMappingNode(), root.Source, root.FieldPath(JobSpecFields.Resources.Name));
        map.RejectUnknown(JobSpecFields.ResourceFields);
        var accelerators = JobSpecFields.Accelerators;
        var (minCards, maxCards) = ((int)accelerators.Min!.Value, (int)accelerators.Max!.Value);
        var choice = AcceleratorChoice.Preference;
        var models = new List<string>();
        int? cardsFromModels = null;
        if (map.TryGet(accelerators.Name, out var node))
        {
            var field = map.FieldPath(accelerators.Name);
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
                    if (parts.Length > 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < minCards || count > maxCards)
                    {
                        throw map.ErrorAt(entryNode, field, $"'{text}' must be MODEL or MODEL:CARDS with {minCards}..{maxCards} cards");
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
                throw map.Error(accelerators.Name, "the list is empty; leave the field out to accept any model");
            }
        }

        var hasCards = map.Has(JobSpecFields.Cards);
        var cards = hasCards ? map.WholeNumber(JobSpecFields.Cards) : cardsFromModels ?? 1;
        if (cardsFromModels is int fromModels && hasCards && fromModels != cards)
        {
            throw map.Error(JobSpecFields.Cards.Name, $"{cards} disagrees with the {fromModels} cards named in accelerators");
        }

        double? pflops = map.Has(JobSpecFields.Pflops) ? map.Number(JobSpecFields.Pflops) : null;
        if (pflops is not null && (hasCards || cardsFromModels is not null))
        {
            throw map.Error(JobSpecFields.Pflops.Name, "give either pflops or a card count, not both");
        }

        if (pflops is not null && root.Has(JobSpecFields.NumNodes))
        {
            throw root.Error(JobSpecFields.NumNodes.Name, "a job that asks for pflops gets the nodes its cards need; leave num_nodes out");
        }

        return new ResourceRequest(models, choice, cards, nodes, pflops, map.Number(JobSpecFields.MinMemory));
    }

    private static Money.Money? ReadBudget(YamlMap root)
    {
        var map = root.OptionalMap(JobSpecFields.Budget.Name);
        if (map is null)
        {
            return null;
        }

        map.RejectUnknown(JobSpecFields.BudgetFields);
        var currency = map.RequiredText(JobSpecFields.BudgetCurrency);
        if (!JobSpecFields.BudgetCurrency.Matches(currency))
        {
            throw map.Error(JobSpecFields.BudgetCurrency.Name, $"'{currency}' is not an ISO 4217 currency code");
        }

        return new Money.Money(map.Decimal(JobSpecFields.BudgetAmount), currency);
    }

    private static DataInput ReadInput(YamlMap map)
    {
        map.RejectUnknown(JobSpecFields.InputFields);
        var text = map.RequiredText(JobSpecFields.InputJurisdiction);
        var jurisdiction = Jurisdiction.TryParse(text, out var reason) ?? throw map.Error(JobSpecFields.InputJurisdiction.Name, reason!);
        var dataClass = Enum.Parse<DataClass>(map.Choice(JobSpecFields.InputClass), ignoreCase: true);
        return new DataInput(
            map.RequiredText(JobSpecFields.InputName),
            map.Number(JobSpecFields.InputSize),
            map.Text(JobSpecFields.InputSite),
            jurisdiction,
            dataClass);
    }

    private static List<Jurisdiction> ReadJurisdictions(YamlMap root)
    {
        var result = new List<Jurisdiction>();
        var field = JobSpecFields.AllowedJurisdictions.Name;
        foreach (var item in root.StringList(field))
        {
            result.Add(Jurisdiction.TryParse(item, out var reason) ?? throw root.Error(field, reason!));
        }

        return result;
    }

    private static List<string>? ReadDatasets(YamlMap root)
    {
        var field = JobSpecFields.Datasets;
        var ids = root.StringList(field.Name);
        if (ids.Count == 0)
        {
            return null;
        }

        if (ids.Count > 64)
        {
            throw root.Error(field.Name, $"{ids.Count} datasets; a job names at most 64");
        }

        foreach (var id in ids)
        {
            if (!field.Matches(id))
            {
                throw root.Error(field.Name, $"'{id}' is not a dataset id (lower-case letters, digits, '.', '_' and '-', at most 64)");
            }
        }

        return ids.Distinct(StringComparer.Ordinal).ToList();
    }
}
