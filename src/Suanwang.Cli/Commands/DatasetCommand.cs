using System.CommandLine;
using Suanwang.Cli.Interaction;
using Suanwang.Core.Errors;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang dataset register FILE | list</c>: registered datasets for the data-law engine.</summary>
internal static class DatasetCommand
{
    public static Command Create(ConsoleInteraction console) => new("dataset", "Register and list datasets (docs/law.md)")
    {
        RegisterCommand(console),
        ListCommand(console),
    };

    private static Command RegisterCommand(ConsoleInteraction console)
    {
        var file = new Argument<string>("FILE") { Description = "The dataset as JSON: id, jurisdiction, classification, personal_information, usage, ..." };
        var options = new ClientOptions();
        var command = new Command("register", "Register a dataset; its class and counts are what every decision about it uses") { file };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException(path, 0, "", $"cannot read the dataset file: {e.Message}");
            }

            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var dataset = await client.PostJsonAsync("api/v1/datasets", text, cancellationToken).ConfigureAwait(false);
            console.WriteLine(options.Format(parse) == OutputFormat.Json
                ? dataset.GetRawText()
                : TerminalText.Lines($"Registered dataset {dataset.GetProperty("id").GetString()} of {dataset.GetProperty("owner").GetString()} ({dataset.GetProperty("classification").GetString()}, {dataset.GetProperty("jurisdiction").GetString()})"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(ConsoleInteraction console)
    {
        var options = new ClientOptions();
        var command = new Command("list", "The key's tenant's datasets (an admin key: all)");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var list = await client.GetJsonAsync("api/v1/datasets", cancellationToken).ConfigureAwait(false);
            if (options.Format(parse) == OutputFormat.Json)
            {
                console.WriteLine(list.GetRawText());
                return ExitCodes.Success;
            }

            foreach (var d in list.EnumerateArray())
            {
                var pi = d.GetProperty("personal_information");
                console.WriteLine(TerminalText.Lines(
                    $"{d.GetProperty("id").GetString()}  owner {d.GetProperty("owner").GetString()}  {d.GetProperty("jurisdiction").GetString()}  {d.GetProperty("classification").GetString()}  individuals {pi.GetProperty("individuals").GetInt64():N0} (sensitive {pi.GetProperty("sensitive").GetInt64():N0})"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
