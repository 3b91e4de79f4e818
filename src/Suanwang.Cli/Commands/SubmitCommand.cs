using System.CommandLine;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Protocol.Jobs;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang submit FILE [--wait]</c>: submits a job spec and, with <c>--wait</c>, follows it to its end.</summary>
internal static class SubmitCommand
{
    /// <summary>How often <c>--wait</c> asks the server about the job.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public static Command Create(ConsoleInteraction console)
    {
        var file = new Argument<string>("FILE") { Description = "Job spec, YAML (or JSON when it ends in .json)" };
        var wait = new Option<bool>("--wait") { Description = "Show the job's state until it ends; exit 0 only if it succeeded" };
        var options = new ClientOptions();
        var command = new Command("submit", "Submit a job") { file, wait };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var path = parse.GetValue(file)!;
            var (spec, json) = await SpecFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var submitted = await client.SubmitAsync(spec, json, path, cancellationToken).ConfigureAwait(false);
            if (!parse.GetValue(wait))
            {
                if (format == OutputFormat.Json)
                {
                    JobOutput.Json(console, submitted);
                }
                else
                {
                    console.WriteLine($"Submitted job {submitted.Id} ({submitted.State})");
                }

                return ExitCodes.Success;
            }

            var final = await console.WithStatusAsync($"job {submitted.Id}: {submitted.State}", report => WaitAsync(client, submitted.Id, report, cancellationToken)).ConfigureAwait(false);
            JobOutput.Job(console, final, format);
            return final.State == "succeeded" ? ExitCodes.Success : ExitCodes.JobNotSucceeded;
        });
        return command;
    }

    private static async Task<JobView> WaitAsync(SuanwangClient client, long id, Action<string> report, CancellationToken cancellationToken)
    {
        var last = "";
        while (true)
        {
            var job = await client.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
            var status = JobOutput.Status(job);
            if (status != last && job.State != "queued")
            {
                report(status);
            }

            last = status;
            if (JobOutput.IsFinal(job.State))
            {
                return job;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
