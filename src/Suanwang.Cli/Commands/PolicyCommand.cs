using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Suanwang.Cli.Interaction;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang policy explain FILE</c>: where the data-law engine lets a job spec's datasets be processed, and why.</summary>
internal static class PolicyCommand
{
    public static Command Create(ConsoleInteraction console) => new("policy", "Ask the data-law engine")
    {
        ExplainCommand(console),
    };

    private static Command ExplainCommand(ConsoleInteraction console)
    {
        var file = new Argument<string>("FILE") { Description = "A job spec naming datasets (YAML, or JSON when it ends in .json)" };
        var options = new ClientOptions();
        var command = new Command("explain", "For each country the job could run in: allowed or denied, the rule, the article and what would make it allowed; nothing is recorded") { file };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var path = parse.GetValue(file)!;
            var (text, _) = await SpecFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            var spec = JobSpecReader.Parse(text, path, AcceleratorCatalog.Default, "-");
            if (spec.Datasets is not { Count: > 0 })
            {
                throw new Core.Errors.InputException(path, 0, "datasets", "the spec names no datasets, so no data-law decision applies");
            }

            var body = new JsonObject { ["datasets"] = new JsonArray(spec.Datasets.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray()) };
            if (spec.Tenant != "-")
            {
                body["tenant"] = spec.Tenant;
            }

            if (spec.AllowedJurisdictions.Count > 0)
            {
                body["destinations"] = new JsonArray(spec.AllowedJurisdictions.Select(j => j.Country).Distinct(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
            }

            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var answer = await client.PostJsonAsync("api/v1/policy/evaluate", body.ToJsonString(), cancellationToken).ConfigureAwait(false);
            if (format == OutputFormat.Json)
            {
                console.WriteLine(answer.GetRawText());
                return ExitCodes.Success;
            }

            Print(console, answer);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(ConsoleInteraction console, JsonElement answer)
    {
        foreach (var decision in answer.GetProperty("decisions").EnumerateArray())
        {
            var datasets = string.Join(",", decision.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()));
            var outcome = decision.GetProperty("outcome").GetString() == "allow" ? "allowed" : "denied";
            console.WriteLine(TerminalText.Lines($"{decision.GetProperty("destination").GetString()} {datasets}: {outcome}: {decision.GetProperty("explanation").GetString()}"));
        }

        var allowed = answer.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()).ToList();
        console.WriteLine(allowed.Count == 0 ? "The job may run nowhere it asks." : $"The job may run in: {string.Join(", ", allowed)}");
        console.WriteLine(TerminalText.Lines($"Rules: {answer.GetProperty("rule_set").GetString()}"));
    }
}
