using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Suanwang.Cli.Interaction;
using Suanwang.Protocol;
using Suanwang.Protocol.Jobs;

namespace Suanwang.Cli.Commands;

/// <summary>How the client commands show jobs: tables for people, the API's JSON for <c>--format json</c>.</summary>
internal static class JobOutput
{
    private static readonly string[] s_columns = ["id", "name", "tenant", "state", "site", "submitted", "exit"];

    /// <summary>True for succeeded, failed and cancelled: the job will not change again.</summary>
    public static bool IsFinal(string state) => state is "succeeded" or "failed" or "cancelled";

    /// <summary>Writes <paramref name="value"/> as one JSON object in the API's conventions.</summary>
    public static void Json<T>(ConsoleInteraction console, T value) => console.WriteLine(JsonSerializer.Serialize(value, ProtocolJson.Options));

    /// <summary>One job, field by field.</summary>
    public static void Job(ConsoleInteraction console, JobView job, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            Json(console, job);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).HideHeaders();
        table.AddColumn("field");
        table.AddColumn("value");
        table.AddRow("id", job.Id.ToString(CultureInfo.InvariantCulture));
        table.AddRow("name", TerminalText.Markup(job.Name));
        table.AddRow("tenant", TerminalText.Markup(job.Tenant));
        table.AddRow("state", State(job.State));
        table.AddRow("site", TerminalText.Markup(job.Site ?? "-"));
        table.AddRow("submitted", Time(job.SubmittedAt));
        table.AddRow("started", Time(job.StartedAt));
        table.AddRow("ended", Time(job.EndedAt));
        table.AddRow("exit code", job.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-");
        table.AddRow("card-seconds", job.AcceleratorSeconds.ToString("0.#", CultureInfo.InvariantCulture));
        if (job.Reason is not null)
        {
            table.AddRow("reason", TerminalText.Markup(job.Reason));
        }

        console.Out.Write(table);
    }

    /// <summary>Jobs, one per row.</summary>
    public static void Jobs(ConsoleInteraction console, IReadOnlyList<JobView> jobs)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in s_columns)
        {
            table.AddColumn(column);
        }

        foreach (var job in jobs)
        {
            table.AddRow(
                job.Id.ToString(CultureInfo.InvariantCulture),
                TerminalText.Markup(job.Name),
                TerminalText.Markup(job.Tenant),
                State(job.State),
                TerminalText.Markup(job.Site ?? "-"),
                Time(job.SubmittedAt),
                job.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-");
        }

        console.Out.Write(table);
    }

    /// <summary>A job's state and where it is, as a status line.</summary>
    public static string Status(JobView job) =>
        job.Site is null ? $"job {job.Id}: {job.State}" : $"job {job.Id}: {job.State} on {job.Site}";

    private static string State(string state) => state switch
    {
        "succeeded" => "[green]succeeded[/]",
        "failed" => "[red]failed[/]",
        "cancelled" or "preempted" => $"[yellow]{state}[/]",
        _ => TerminalText.Markup(state),
    };

    private static string Time(DateTimeOffset? at) =>
        at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
}
