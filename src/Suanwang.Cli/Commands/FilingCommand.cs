using System.CommandLine;
using System.Text.Json.Nodes;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang filing add|list --tenant T</c>: the filings the data-law engine checks (admin records them).</summary>
internal static class FilingCommand
{
    public static Command Create(ConsoleInteraction console) => new("filing", "Record (admin) and list a tenant's data-law filings")
    {
        AddCommand(console),
        ListCommand(console),
    };

    private static Command AddCommand(ConsoleInteraction console)
    {
        var tenant = TenantOption.Create("The tenant (exporter) the filing belongs to");
        var kind = new Option<string>("--kind") { Description = "security_assessment, standard_contract, certification, scc, bcr, ru_notice, ru_ban or ciio", Required = true };
        var reference = new Option<string>("--reference") { Description = "The authority's reference or the document id", Required = true };
        var filed = new Option<string>("--filed-on") { Description = "The date it was filed or granted, yyyy-mm-dd", Required = true };
        var expires = new Option<string?>("--expires-on") { Description = "The last day it is in force, yyyy-mm-dd (assessments, contracts, certifications, SCCs, BCRs)" };
        var countries = new Option<string?>("--countries")
        {
            Description = "The recipient countries it covers, comma-separated ISO codes (e.g. KZ,SA; at most 50); left out, it covers any country",
        };
        var options = new ClientOptions();
        var command = new Command("add", "Record a filing for a tenant (admin)") { tenant, kind, reference, filed, expires, countries };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = TenantOption.Required(parse.GetValue(tenant));
            var body = new JsonObject
            {
                ["kind"] = parse.GetValue(kind),
                ["reference"] = parse.GetValue(reference),
                ["filed_on"] = parse.GetValue(filed),
            };
            if (parse.GetValue(expires) is { } e)
            {
                body["expires_on"] = e;
            }

            if (parse.GetValue(countries) is { } c)
            {
                // The server checks each code and names the bad one (countries[i]).
                body["countries"] = new JsonArray(c.Split(',', StringSplitOptions.TrimEntries).Select(x => (JsonNode)JsonValue.Create(x)).ToArray());
            }

            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var filing = await client.PostJsonAsync($"api/v1/tenants/{Uri.EscapeDataString(id)}/filings", body.ToJsonString(), cancellationToken).ConfigureAwait(false);
            console.WriteLine(options.Format(parse) == OutputFormat.Json
                ? filing.GetRawText()
                : TerminalText.Lines($"Recorded {filing.GetProperty("kind").GetString()} {filing.GetProperty("reference").GetString()} for {id}{CountriesText(filing)}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(ConsoleInteraction console)
    {
        var tenant = TenantOption.Create("The tenant (a tenant key may see only its own)");
        var options = new ClientOptions();
        var command = new Command("list", "A tenant's filings, in the order they were recorded") { tenant };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = TenantOption.Required(parse.GetValue(tenant));
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var list = await client.GetJsonAsync($"api/v1/tenants/{Uri.EscapeDataString(id)}/filings", cancellationToken).ConfigureAwait(false);
            if (options.Format(parse) == OutputFormat.Json)
            {
                console.WriteLine(list.GetRawText());
                return ExitCodes.Success;
            }

            foreach (var f in list.EnumerateArray())
            {
                var expiry = f.TryGetProperty("expires_on", out var x) && x.ValueKind == System.Text.Json.JsonValueKind.String ? $" until {x.GetString()}" : "";
                console.WriteLine(TerminalText.Lines($"{f.GetProperty("kind").GetString()}  {f.GetProperty("reference").GetString()}  filed {f.GetProperty("filed_on").GetString()}{expiry}{CountriesText(f)}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // " covering KZ, SA", or " covering any country" for a filing without countries.
    private static string CountriesText(System.Text.Json.JsonElement filing) =>
        filing.TryGetProperty("countries", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.Array
            ? $" covering {string.Join(", ", c.EnumerateArray().Select(x => x.GetString()))}"
            : " covering any country";
}
