using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Suanwang.Core.Errors;
using Suanwang.Core.Law;
using Suanwang.Core.Sites;

namespace Suanwang.ControlPlane.Policy;

/// <summary>Reads a dataset registration (JSON) and writes the stored document; every bound is checked and named.</summary>
public static class DatasetReader
{
    /// <summary>Most individuals a dataset may declare.</summary>
    public const long MaxIndividuals = 10_000_000_000;

    private const string Source = "request body";
    private const int MaxList = 64;
    private static readonly string[] s_top = ["id", "owner", "site", "jurisdiction", "classification", "authority_reference", "personal_information", "usage"];
    private static readonly string[] s_personal = ["individuals", "sensitive", "subjects"];
    private static readonly string[] s_usage = ["tenants", "purposes", "jurisdictions", "expires"];

    /// <summary>The dataset in <paramref name="json"/>, owned by <paramref name="defaultOwner"/> unless it names one.</summary>
    public static Dataset Read(string json, string defaultOwner)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw Error("", "expected a JSON object");
        }
        catch (JsonException ex)
        {
            throw Error("", $"not valid JSON: {ex.Message}");
        }

        Known(root, s_top, "");
        var id = Text(root, "id", "id", required: true)!;
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9._-]{0,63}$"))
        {
            throw Error("id", $"'{id}' is not a dataset id (lower-case letters, digits, '.', '_' and '-', at most 64)");
        }

        var classification = Text(root, "classification", "classification", required: true)!;
        var cls = classification switch
        {
            "general" => Classification.General,
            "important" => Classification.Important,
            "core" => Classification.Core,
            _ => throw Error("classification", $"'{classification}' is not general, important or core"),
        };
        var authority = Text(root, "authority_reference", "authority_reference", required: false);
        if (cls == Classification.Important && authority is null)
        {
            throw Error("authority_reference", "important data needs the reference of the authority's notice or catalogue naming it (CN Provisions Art 2)");
        }

        var personal = root["personal_information"] as JsonObject;
        if (root["personal_information"] is not null && personal is null)
        {
            throw Error("personal_information", "expected an object with individuals, sensitive and subjects");
        }

        long individuals = 0, sensitive = 0;
        IReadOnlyList<string> subjects = [];
        if (personal is not null)
        {
            Known(personal, s_personal, "personal_information.");
            individuals = Count(personal, "individuals", "personal_information.individuals");
            sensitive = Count(personal, "sensitive", "personal_information.sensitive");
            if (sensitive > individuals)
            {
                throw Error("personal_information.sensitive", $"{sensitive} is more than the {individuals} individuals it is part of");
            }

            subjects = Countries(personal, "subjects", "personal_information.subjects");
        }

        var usage = root["usage"] as JsonObject;
        if (root["usage"] is not null && usage is null)
        {
            throw Error("usage", "expected an object with tenants, purposes, jurisdictions and expires");
        }

        IReadOnlyList<string> tenants = [], purposes = [], jurisdictions = [];
        DateOnly? expires = null;
        if (usage is not null)
        {
            Known(usage, s_usage, "usage.");
            tenants = Texts(usage, "tenants", "usage.tenants");
            purposes = Texts(usage, "purposes", "usage.purposes");
            jurisdictions = Countries(usage, "jurisdictions", "usage.jurisdictions");
            if (Text(usage, "expires", "usage.expires", required: false) is { } e)
            {
                expires = DateOnly.TryParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d
                    : throw Error("usage.expires", $"'{e}' is not a date (yyyy-mm-dd)");
            }
        }

        var jurisdiction = Text(root, "jurisdiction", "jurisdiction", required: true)!;
        if (!CountryCodes.IsValid(jurisdiction))
        {
            throw Error("jurisdiction", $"'{jurisdiction}' is not an ISO 3166-1 alpha-2 country code");
        }

        return new Dataset(
            id,
            Text(root, "owner", "owner", required: false) ?? defaultOwner,
            Text(root, "site", "site", required: false),
            jurisdiction,
            cls,
            authority,
            individuals,
            sensitive,
            subjects,
            tenants,
            purposes,
            jurisdictions,
            expires);
    }

    /// <summary>The dataset as stored and shown.</summary>
    public static string Write(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var personal = new JsonObject
        {
            ["individuals"] = dataset.Individuals,
            ["sensitive"] = dataset.Sensitive,
            ["subjects"] = new JsonArray(dataset.Subjects.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
        };
        var usage = new JsonObject
        {
            ["tenants"] = new JsonArray(dataset.Tenants.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
            ["purposes"] = new JsonArray(dataset.Purposes.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
            ["jurisdictions"] = new JsonArray(dataset.ProcessingJurisdictions.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
        };
        if (dataset.Expires is { } e)
        {
            usage["expires"] = e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var root = new JsonObject
        {
            ["id"] = dataset.Id,
            ["owner"] = dataset.Owner,
            ["jurisdiction"] = dataset.Jurisdiction,
            ["classification"] = FactSchema.SnakeCase(dataset.Classification.ToString()),
            ["personal_information"] = personal,
            ["usage"] = usage,
        };
        if (dataset.Site is not null)
        {
            root["site"] = dataset.Site;
        }

        if (dataset.AuthorityReference is not null)
        {
            root["authority_reference"] = dataset.AuthorityReference;
        }

        return root.ToJsonString();
    }

    private static void Known(JsonObject map, string[] known, string prefix)
    {
        foreach (var (key, _) in map)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                throw Error(prefix + key, $"unknown field; expected one of: {string.Join(", ", known)}");
            }
        }
    }

    private static string? Text(JsonObject map, string key, string field, bool required)
    {
        var node = map[key];
        if (node is null)
        {
            return required ? throw Error(field, "required field is missing") : null;
        }

        if (node is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length == 0)
        {
            throw Error(field, "expected a non-empty string");
        }

        return text.Length > 256 ? throw Error(field, $"{text.Length} characters; at most 256") : text;
    }

    private static long Count(JsonObject map, string key, string field)
    {
        var node = map[key];
        if (node is null)
        {
            return 0;
        }

        if (node is not JsonValue v || !v.TryGetValue<long>(out var n) || n < 0 || n > MaxIndividuals)
        {
            throw Error(field, $"expected a whole number from 0 to {MaxIndividuals:N0}");
        }

        return n;
    }

    private static List<string> Texts(JsonObject map, string key, string field)
    {
        var node = map[key];
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray list || list.Count > MaxList)
        {
            throw Error(field, $"expected a list of at most {MaxList} strings");
        }

        var result = new List<string>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length == 0 || text.Length > 64)
            {
                throw Error($"{field}[{i}]", "expected a non-empty string of at most 64 characters");
            }

            result.Add(text);
        }

        return result;
    }

    private static List<string> Countries(JsonObject map, string key, string field)
    {
        var codes = Texts(map, key, field);
        for (var i = 0; i < codes.Count; i++)
        {
            if (!CountryCodes.IsValid(codes[i]))
            {
                throw Error($"{field}[{i}]", $"'{codes[i]}' is not an ISO 3166-1 alpha-2 country code");
            }
        }

        return codes;
    }

    private static InputException Error(string field, string message) => new(Source, 0, field, message);
}
