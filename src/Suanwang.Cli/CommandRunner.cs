using System.CommandLine;
using Suanwang.Agent.Server;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
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
        catch (ClientException e)
        {
            console.Error(e.Message);
            if (e.Shortfall is not null)
            {
                return ExitCodes.BalanceTooLow;
            }

            return e.IsUserError ? ExitCodes.InvalidInput : ExitCodes.Failure;
        }
        catch (ServerRejectedException e)
        {
            console.Error($"the server refused the agent: {e.Message}");
            return e.StatusCode is >= 400 and < 500 ? ExitCodes.InvalidInput : ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            console.Error("interrupted; nothing was written");
            return ExitCodes.Cancelled;
        }
    }
}
