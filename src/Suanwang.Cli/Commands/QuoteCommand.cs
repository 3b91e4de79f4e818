using System.CommandLine;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang quote FILE</c>: where a job could run, at what price, when and with how much CO2; orderable until the quote expires.</summary>
internal static class QuoteCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var file = new Argument<string>("FILE") { Description = "Job spec, YAML (or JSON when it ends in .json)" };
        var options = new ClientOptions();
        var command = new Command("quote", "Get a quote for a job: its best places with price, times and CO2") { file };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var path = parse.GetValue(file)!;
            var (spec, json) = await SpecFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var quote = await client.QuoteAsync(spec, json, path, cancellationToken).ConfigureAwait(false);
            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, quote);
                return ExitCodes.Success;
            }

            MarketOutput.Quote(console, quote);
            console.WriteLine($"Quote {quote.Id}, valid until {MarketOutput.Time(quote.ExpiresAt)}");
            console.Note($"to order: suanwang order --quote {quote.Id} --option N (0, the best, by default)");
            return ExitCodes.Success;
        });
        return command;
    }
}
