using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang job ID</c>: one job and its history.</summary>
internal static class JobCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var id = new Argument<long>("ID") { Description = "Job id" };
        var options = new ClientOptions();
        var command = new Command("job", "Show a job and its history") { id };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var job = await client.GetJobAsync(parse.GetValue(id), cancellationToken).ConfigureAwait(false);
            JobOutput.Job(console, job, format);
            if (format == OutputFormat.Table)
            {
                var events = await client.GetEventsAsync(job.Id, cancellationToken).ConfigureAwait(false);
                var table = new Table().Border(TableBorder.Rounded).Title("history");
                table.AddColumn("at");
                table.AddColumn("event");
                table.AddColumn("details");
                foreach (var e in events)
                {
                    table.AddRow(e.At.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture), TerminalText.Markup(e.Kind), TerminalText.Markup(e.Message));
                }

                console.Out.Write(table);
                var restarts = JobRestarts.Of(events);
                if (restarts.Count > 0)
                {
                    var times = new Table().Border(TableBorder.Rounded).Title("restarts (stop to restart)");
                    times.AddColumn("stopped");
                    times.AddColumn(new TableColumn("stop confirmed").RightAligned());
                    times.AddColumn(new TableColumn("restarted").RightAligned());
                    times.AddColumn("why");
                    foreach (var r in restarts)
                    {
                        times.AddRow(
                            r.StoppedAt.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                            Seconds(r.RequeuedAfter),
                            Seconds(r.RestartedAfter),
                            TerminalText.Markup(r.Reason));
                    }

                    console.Out.Write(times);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Seconds(double? seconds) =>
        seconds is double s ? string.Create(CultureInfo.InvariantCulture, $"+{s:0.0} s") : "waiting";
}
