using System.CommandLine;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang jobs</c>: a page of jobs, newest first.</summary>
internal static class JobsCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var state = new Option<string?>("--state") { Description = "Only jobs in this state: queued, placed, running, succeeded, failed, cancelled, preempted" };
        var site = new Option<string?>("--site") { Description = "Only jobs placed on this site" };
        var limit = new Option<int?>("--limit") { Description = "At most this many jobs" };
        var before = new Option<long?>("--before") { Description = "Only jobs with a smaller id (the next page)" };
        var options = new ClientOptions();
        var command = new Command("jobs", "List jobs, newest first") { state, site, limit, before };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var page = await client.ListJobsAsync(parse.GetValue(state), parse.GetValue(site), parse.GetValue(before), parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, page);
                return ExitCodes.Success;
            }

            JobOutput.Jobs(console, page.Items);
            if (page.Next is { } next)
            {
                console.Note($"more: suanwang jobs --before {next}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
