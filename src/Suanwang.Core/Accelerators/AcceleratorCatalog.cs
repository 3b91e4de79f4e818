using Suanwang.Core.Errors;
using Suanwang.Core.Yaml;

namespace Suanwang.Core.Accelerators;

/// <summary>
/// The accelerator catalog: every model the network knows, each with a dense index so the
/// scheduler can keep per-model state in arrays.
/// </summary>
public sealed class AcceleratorCatalog
{
    /// <summary>Most models a catalog may hold: the scheduler keeps a job's acceptable models in 64 bits.</summary>
    public const int MaxModels = 64;

    private const string ResourceName = "Suanwang.Core.accelerators.yaml";
    private readonly Dictionary<string, int> _index;

    private AcceleratorCatalog(IReadOnlyList<AcceleratorModel> models, Dictionary<string, int> index)
    {
        Models = models;
        _index = index;
    }

    /// <summary>All models; a model's position is its index.</summary>
    public IReadOnlyList<AcceleratorModel> Models { get; }

    /// <summary>Number of models.</summary>
    public int Count => Models.Count;

    /// <summary>The model at <paramref name="index"/>.</summary>
    public AcceleratorModel this[int index] => Models[index];

    /// <summary>The catalog shipped with Suanwang (<c>catalog/accelerators.yaml</c>).</summary>
    public static AcceleratorCatalog Default { get; } = LoadDefault();

    /// <summary>Index of a model by id or alias (case-insensitive), or -1.</summary>
    public int IndexOf(string idOrAlias) => _index.TryGetValue(idOrAlias, out var i) ? i : -1;

    /// <summary>Looks up a model by id or alias.</summary>
    public bool TryGet(string idOrAlias, out AcceleratorModel model)
    {
        var i = IndexOf(idOrAlias);
        model = i >= 0 ? Models[i] : null!;
        return i >= 0;
    }

    /// <summary>Parses a catalog from YAML text; <paramref name="source"/> names it in errors.</summary>
    public static AcceleratorCatalog Parse(string yaml, string source)
    {
        var root = YamlText.LoadRoot(yaml, source);
        root.RejectUnknown("accelerators");
        var items = root.MapSequence("accelerators");
        if (items.Count == 0)
        {
            throw root.Error("accelerators", "the catalog lists no accelerators");
        }

        if (items.Count > MaxModels)
        {
            throw root.Error("accelerators", $"the catalog lists {items.Count} models; the scheduler supports at most {MaxModels}");
        }

        var models = new List<AcceleratorModel>(items.Count);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            item.RejectUnknown("id", "vendor", "name", "memory_gib", "fp16_tflops", "tdp_watts", "source", "aliases");
            var model = new AcceleratorModel(
                item.RequiredString("id"),
                item.RequiredString("vendor"),
                item.RequiredString("name"),
                item.RequiredDouble("memory_gib", 0.5, 4096),
                item.RequiredDouble("fp16_tflops", 0.001, 1_000_000),
                item.RequiredDouble("tdp_watts", 1, 100_000),
                item.RequiredString("source"));
            if (!index.TryAdd(model.Id, models.Count))
            {
                throw item.Error("id", $"'{model.Id}' names two accelerators");
            }

            foreach (var alias in item.StringList("aliases"))
            {
                if (!index.TryAdd(alias, models.Count))
                {
                    throw item.Error("aliases", $"'{alias}' names two accelerators");
                }
            }

            models.Add(model);
        }

        return new AcceleratorCatalog(models, index);
    }

    private static AcceleratorCatalog LoadDefault()
    {
        using var stream = typeof(AcceleratorCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "catalog/accelerators.yaml");
    }
}
