using System.CommandLine;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Core.Errors;

namespace Suanwang.Cli;

/// <summary>Parses and runs a command, turning user errors into one clear line and an exit code, never a stack trace.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, ConsoleInteraction console)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error(error.Message);
            }

            console.Note("run 'suanwang --help' for usage");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,

                // up and agent stop their loops and the server on Ctrl-C; give them time to.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            }).ConfigureAwait(false);
        }
        catch (InputException e)
        {
            console.Error(e.Error.ToString());
            return ExitCodes.InvalidInput;
        }
        catch (ApiException e)
        {
            console.Error(ProblemText.Describe(e));
            if (BalanceShortfall.Of(e) is not null)
            {
                return ExitCodes.BalanceTooLow;
            }

            return e.IsUserError ? ExitCodes.InvalidInput : ExitCodes.Failure;
        }
        catch (InvalidDataException e)
        {
            console.Error(e.Message);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            console.Error("interrupted; nothing was written");
            return ExitCodes.Cancelled;
        }
    }
}
