using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Suanwang.ControlPlane.Policy;
using Suanwang.Core.Law;
using Suanwang.Core.Sites;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;

namespace Suanwang.Server.Policy;

/// <summary>The request bodies of the data-law routes, and how their answers are written.</summary>
internal static class PolicyBodies
{
    /// <summary>Most destinations or datasets one request names.</summary>
    public const int MaxItems = 64;

    /// <summary>The export options of a body; a problem naming the field for a bad one.</summary>
    public static (ExportOptions? Options, ProblemHttpResult? Problem) Options(Caller caller, string? exemption, string? purpose, bool? oneOff, bool? manualApproval, bool? keepsCopy, bool? consent)
    {
        var claimed = Exemption.None;
        if (exemption is not null && FactSchema.Symbol(typeof(Exemption), exemption) is not Exemption e)
        {
            return (null, Problems.BadField("exemption", $"'{exemption}' is not one of: {string.Join(", ", FactSchema.SymbolNames(typeof(Exemption)))}"));
        }
        else if (exemption is not null)
        {
            claimed = (Exemption)FactSchema.Symbol(typeof(Exemption), exemption)!;
        }

        if (purpose is { Length: 0 or > 64 })
        {
            return (null, Problems.BadField("purpose", "a purpose is 1 to 64 characters"));
        }

        if (manualApproval == true && !caller.Admin)
        {
            return (null, Problems.Forbidden("only an admin approves a transfer by hand (GDPR Art 49)", "manual_approval"));
        }

        return (new ExportOptions(claimed, purpose, oneOff ?? false, manualApproval ?? false, keepsCopy ?? true, consent ?? false), null);
    }

    /// <summary>A problem for a list over <see cref="MaxItems"/> or with a blank item; null when fine.</summary>
    public static ProblemHttpResult? Bounded(IReadOnlyList<string>? items, string field)
    {
        if (items is null)
        {
            return null;
        }

        if (items.Count > MaxItems)
        {
            return Problems.BadField(field, $"{items.Count} items; at most {MaxItems}");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i]) || items[i].Length > 64)
            {
                return Problems.BadField($"{field}[{i}]", "expected a non-empty string of at most 64 characters");
            }
        }

        return null;
    }

    /// <summary>Most recipient countries one filing names.</summary>
    public const int MaxFilingCountries = 50;

    /// <summary>A problem for a filing's recipient countries (ISO codes, 1 to 50, none for a CIIO designation); null when fine or absent.</summary>
    public static ProblemHttpResult? FilingCountries(IReadOnlyList<string>? countries, string kind)
    {
        if (countries is null)
        {
            return null;
        }

        if (kind == FilingKinds.Ciio)
        {
            return Problems.BadField("countries", "a CIIO designation is of the tenant, not of a recipient country; leave countries out");
        }

        if (countries.Count is 0 or > MaxFilingCountries)
        {
            return Problems.BadField("countries", $"{countries.Count} countries; name 1 to {MaxFilingCountries}, or leave the field out to cover any country");
        }

        for (var i = 0; i < countries.Count; i++)
        {
            if (countries[i] is not { Length: 2 } code || !CountryCodes.IsValid(code))
            {
                return Problems.BadField($"countries[{i}]", $"'{countries[i]}' is not an ISO 3166-1 alpha-2 country code (upper case, e.g. KZ)");
            }
        }

        return null;
    }

    /// <summary>A problem when <paramref name="code"/> is not an ISO country code.</summary>
    public static ProblemHttpResult? Country(string code, string field) =>
        CountryCodes.IsValid(code) ? null : Problems.BadField(field, $"'{code}' is not an ISO 3166-1 alpha-2 country code or a site of the network");

    /// <summary>A date (yyyy-mm-dd), or a problem naming the field.</summary>
    public static (DateOnly? Day, ProblemHttpResult? Problem) Day(string? text, string field, bool required)
    {
        if (text is null)
        {
            return required ? (null, Problems.BadField(field, "required field is missing")) : (null, null);
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (day, null)
            : (null, Problems.BadField(field, $"'{text}' is not a date (yyyy-mm-dd)"));
    }

    /// <summary>A decision as JSON: its canonical form.</summary>
    public static JsonNode Decision(PolicyDecision decision) => JsonNode.Parse(decision.CanonicalBytes())!;

    /// <summary>An answer: the rule-set version, the allowed destinations and every decision.</summary>
    public static IResult Answer(string ruleSet, LawAnswer answer) => TypedResults.Json(new JsonObject
    {
        ["rule_set"] = ruleSet,
        ["allowed"] = new JsonArray(answer.Allowed.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
        ["decisions"] = new JsonArray(answer.Decisions.Select(Decision).ToArray()),
    });
}
