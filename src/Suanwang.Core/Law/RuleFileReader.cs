using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Suanwang.Core.Errors;
using Suanwang.Core.Sites;
using Suanwang.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Suanwang.Core.Law;

/// <summary>Reads one rule file; every problem is an <see cref="InputException"/> naming the file, line and field.</summary>
public static class RuleFileReader
{
    /// <summary>The id of the general rules' file.</summary>
    public const string General = "G0";

    private static readonly string[] s_top = ["jurisdiction", "version", "checked", "review_by", "countries", "lists", "rules", "fallback"];
    private static readonly string[] s_rule = ["id", "when", "outcome", "citation", "explain"];
    private static readonly string[] s_entry = ["country", "since", "decision", "note"];

    /// <summary>Parses <paramref name="text"/>, read from <paramref name="source"/>.</summary>
    public static RuleFile Read(string text, string source)
    {
        var root = YamlText.LoadRoot(text, source);
        root.RejectUnknown(s_top);
        var jurisdiction = root.RequiredString("jurisdiction");
        var general = jurisdiction == General;
        if (!general && (jurisdiction.Length != 2 || !jurisdiction.All(char.IsAsciiLetterUpper)))
        {
            throw root.Error("jurisdiction", $"'{jurisdiction}' is not G0 or a two-letter upper-case id");
        }

        var version = root.RequiredString("version");
        var checkedOn = Date(root, "checked");
        var reviewBy = Date(root, "review_by");
        if (reviewBy < checkedOn)
        {
            throw root.Error("review_by", $"{reviewBy:yyyy-MM-dd} is before checked ({checkedOn:yyyy-MM-dd})");
        }

        var countries = CountryMask.None;
        var codes = root.StringList("countries");
        for (var i = 0; i < codes.Count; i++)
        {
            countries = countries.With(Code(root, codes[i], $"countries[{i}]", root.LineOf("countries")));
        }

        if (general != countries.IsEmpty)
        {
            throw root.Error("countries", general ? "G0 applies everywhere and lists no countries" : "required: the countries whose law the file encodes");
        }

        var lists = Lists(root);
        var rules = Rules(root, "rules", lists, general);
        var fallback = Rules(root, "fallback", lists, general);
        if (!general && fallback.Count > 0)
        {
            throw root.Error("fallback", "only G0 has fallback rules");
        }

        if (rules.Count == 0)
        {
            throw root.Error("rules", "a rule file needs at least one rule");
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new RuleFile(jurisdiction, source, version, checkedOn, reviewBy, countries, rules, fallback, lists, digest);
    }

    private static List<LawRule> Rules(YamlMap root, string key, IReadOnlyDictionary<string, CountryMask> lists, bool general)
    {
        var result = new List<LawRule>();
        foreach (var map in root.MapSequence(key))
        {
            map.RejectUnknown(s_rule);
            var id = map.RequiredString("id");
            if (result.Any(r => r.Id == id))
            {
                throw map.Error("id", $"rule id '{id}' is used twice in this file");
            }

            var when = map.RequiredString("when");
            var condition = ConditionCompiler.Compile(when, lists, map.Source, map.LineOf("when"), map.FieldPath("when"));
            var outcome = map.RequiredString("outcome") switch
            {
                "allow" => LawOutcome.Allow,
                "deny" => LawOutcome.Deny,
                var other => throw map.Error("outcome", $"'{other}' is not allow or deny"),
            };
            if (general && key == "rules" && outcome != LawOutcome.Deny)
            {
                throw map.Error("outcome", "G0's rules are guards and only deny; put allowing rules under fallback");
            }

            var explain = MessageTemplate.Parse(map.RequiredString("explain"), map.Source, map.LineOf("explain"), map.FieldPath("explain"));
            result.Add(new LawRule(id, condition, when, outcome, map.RequiredString("citation"), explain, map.Line));
        }

        return result;
    }

    private static Dictionary<string, CountryMask> Lists(YamlMap root)
    {
        var result = new Dictionary<string, CountryMask>(StringComparer.Ordinal);
        var lists = root.OptionalMap("lists");
        if (lists is null)
        {
            return result;
        }

        foreach (var (keyNode, valueNode) in lists.Entries)
        {
            var name = lists.Scalar(keyNode, lists.Path);
            var field = lists.FieldPath(name);
            if (valueNode is not YamlSequenceNode seq)
            {
                throw lists.ErrorAt(valueNode, field, "expected a list of country codes or of {country, since, decision}");
            }

            var mask = CountryMask.None;
            for (var i = 0; i < seq.Children.Count; i++)
            {
                var item = seq.Children[i];
                var itemField = $"{field}[{i}]";
                if (item is YamlMappingNode m)
                {
                    var entry = new YamlMap(m, root.Source, itemField);
                    entry.RejectUnknown(s_entry);
                    mask = mask.With(Code(entry, entry.RequiredString("country"), entry.FieldPath("country"), entry.LineOf("country")));
                    if (entry.Has("since"))
                    {
                        Date(entry, "since");
                    }
                }
                else
                {
                    mask = mask.With(Code(lists, lists.Scalar(item, itemField), itemField, (int)item.Start.Line));
                }
            }

            result[name] = mask;
        }

        return result;
    }

    private static int Code(YamlMap map, string code, string field, int line)
    {
        var index = CountryCodes.IndexOf(code);
        return index >= 0 ? index : throw new InputException(map.Source, line, field, $"'{code}' is not an ISO 3166-1 alpha-2 country code");
    }

    private static DateOnly Date(YamlMap map, string key)
    {
        var text = map.RequiredString(key);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw map.Error(key, $"'{text}' is not a date (yyyy-mm-dd)");
    }
}
