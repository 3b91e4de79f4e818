using System.Globalization;
using Suanwang.Core.Yaml;

namespace Suanwang.Core.Jobs;

/// <summary>Reading preemption and elasticity: <c>preemptible</c>, <c>grace</c> and <c>elastic</c>.</summary>
public static partial class JobSpecReader
{
    /// <summary>The largest speed-up a scaling table may give.</summary>
    private const double MaxSpeedup = 1e4;

    private static double? ReadGrace(YamlMap root, bool checkpoints)
    {
        var field = JobSpecFields.Grace;
        if (!root.Has(field))
        {
            return null;
        }

        if (!checkpoints)
        {
            throw root.Error(field.Name, "a grace period is for a job that checkpoints: set preemptible: true or elastic");
        }

        var seconds = ReadDuration(root, field)!.Value;
        return seconds < field.Min
            ? throw root.Error(field.Name, string.Create(CultureInfo.InvariantCulture, $"'{root.OptionalString(field.Name)}' is shorter than the least allowed, {field.Min:0} s"))
            : seconds;
    }

    // An elastic job runs on one node; it starts on resources.cards, which defaults to min_cards.
    private static ElasticSpec? ReadElastic(YamlMap root, ref ResourceRequest resources)
    {
        var map = root.OptionalMap(JobSpecFields.Elastic.Name);
        if (map is null)
        {
            return null;
        }

        map.RejectUnknown(JobSpecFields.ElasticFields);
        if (resources.Pflops is not null)
        {
            throw root.Error(JobSpecFields.Elastic.Name, "an elastic job asks for cards, not pflops");
        }

        if (resources.Nodes != 1)
        {
            throw root.Error(JobSpecFields.NumNodes.Name, "an elastic job runs on one node; leave num_nodes out or set it to 1");
        }

        var min = map.WholeNumber(JobSpecFields.ElasticMinCards);
        var max = map.WholeNumber(JobSpecFields.ElasticMaxCards);
        if (max < min)
        {
            throw map.Error(JobSpecFields.ElasticMaxCards.Name, $"{max} is below min_cards ({min})");
        }

        var resourceMap = root.OptionalMap(JobSpecFields.Resources.Name);
        var given = resourceMap is not null && resourceMap.Has(JobSpecFields.Cards);
        if (!given && resources.CardsPerNode == 1)
        {
            resources = resources with { CardsPerNode = min };
        }
        else if (resources.CardsPerNode < min || resources.CardsPerNode > max)
        {
            var message = $"the job starts on {resources.CardsPerNode} cards, outside elastic min_cards..max_cards ({min}..{max})";
            throw given ? resourceMap!.Error(JobSpecFields.Cards.Name, message) : root.Error(JobSpecFields.Resources.Name, message);
        }

        return new ElasticSpec(min, max, ReadScaling(map));
    }

    private static List<ScalingPoint> ReadScaling(YamlMap map)
    {
        var field = JobSpecFields.ElasticScaling;
        var points = new List<ScalingPoint>();
        if (!map.TryGet(field.Name, out var node))
        {
            return points;
        }

        var path = map.FieldPath(field.Name);
        if (node is not YamlDotNet.RepresentationModel.YamlMappingNode table || table.Children.Count == 0)
        {
            throw map.ErrorAt(node, path, "expected a mapping of card count to speed-up, such as {1: 1.0, 2: 1.9}");
        }

        var (least, most) = ((int)field.Min!.Value, (int)field.Max!.Value);
        foreach (var (key, value) in table.Children)
        {
            var cardsText = map.Scalar(key, path);
            if (!int.TryParse(cardsText, NumberStyles.None, CultureInfo.InvariantCulture, out var cards) || cards < least || cards > most)
            {
                throw map.ErrorAt(key, path, $"'{cardsText}' is not a card count in {least}..{most}");
            }

            var speedText = map.Scalar(value, $"{path}.{cards}");
            if (!double.TryParse(speedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var speedup) || !double.IsFinite(speedup) || speedup <= 0 || speedup > MaxSpeedup)
            {
                throw map.ErrorAt(value, $"{path}.{cards}", $"'{speedText}' is not a positive speed-up of at most {MaxSpeedup:0}");
            }

            if (points.Any(p => p.Cards == cards))
            {
                throw map.ErrorAt(key, path, $"{cards} cards are listed twice");
            }

            points.Add(new ScalingPoint(cards, speedup));
        }

        points.Sort((a, b) => a.Cards.CompareTo(b.Cards));
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Speedup < points[i - 1].Speedup)
            {
                throw map.Error(
                    field.Name,
                    string.Create(CultureInfo.InvariantCulture, $"the speed-up falls from {points[i - 1].Speedup} on {points[i - 1].Cards} cards to {points[i].Speedup} on {points[i].Cards}; it must not fall as cards are added"));
            }
        }

        return points;
    }
}
