using System.CommandLine;
using System.Globalization;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang ledger verify</c> (admin): checks that every posting balances and every account equals the sum of its lines.</summary>
internal static class LedgerCommand
{
    public static Command Create(ConsoleInteraction console) => new("ledger", "The ledger of money (admin)") { Verify(console) };

    private static Command Verify(ConsoleInteraction console)
    {
        var options = new ClientOptions();
        var command = new Command("verify", "Check every posting and account; exit 1 when something does not add up");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var check = await client.VerifyLedgerAsync(cancellationToken).ConfigureAwait(false);
            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, check);
            }
            else if (check.Balanced)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The ledger balances: postings {check.Postings}, lines {check.Lines}"));
            }
            else
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The ledger does not balance: problems {check.Problems.Count}, postings {check.Postings}, lines {check.Lines}"));
                foreach (var problem in check.Problems)
                {
                    console.Error(problem);
                }
            }

            return check.Balanced ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
