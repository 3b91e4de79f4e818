using System.CommandLine;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang cancel ID</c>: cancels a job.</summary>
internal static class CancelCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var id = new Argument<long>("ID") { Description = "Job id" };
        var options = new ClientOptions();
        var command = new Command("cancel", "Cancel a job") { id };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var job = await client.CancelAsync(parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, job);
            }
            else
            {
                console.WriteLine($"Job {job.Id} is {job.State}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
