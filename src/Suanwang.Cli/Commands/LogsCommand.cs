using System.CommandLine;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang logs ID [-f]</c>: a job's output, and with <c>-f</c> everything it writes until it ends.</summary>
internal static class LogsCommand
{
    /// <summary>How often <c>-f</c> asks the server for more output.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public static Command Create(ConsoleInteraction console)
    {
        var id = new Argument<long>("ID") { Description = "Job id" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep writing new output until the job ends" };
        var options = new ClientOptions();
        var command = new Command("logs", "Show a job's output") { id, follow };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var job = parse.GetValue(id);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var offset = 0L;
            var all = new System.Text.StringBuilder();
            while (true)
            {
                // Ask for the state first: output fetched after seeing a final state is complete.
                var final = !parse.GetValue(follow) || JobOutput.IsFinal((await client.GetJobAsync(job, cancellationToken).ConfigureAwait(false)).State);
                var (text, next) = await client.GetLogsAsync(job, offset, cancellationToken).ConfigureAwait(false);
                offset = next;
                if (format == OutputFormat.Json)
                {
                    all.Append(text);
                }
                else if (text.Length > 0)
                {
                    console.Write(text);
                }

                if (final)
                {
                    break;
                }

                if (text.Length == 0)
                {
                    await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                }
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, new LogsView(job, all.ToString(), offset));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
