using System.Globalization;
using System.Text.RegularExpressions;

namespace Suanwang.Agent.Backends;

/// <summary>What <c>scontrol show job -o</c> or <c>sacct -P</c> says about a Slurm job.</summary>
/// <param name="State">JobState, such as PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT.</param>
/// <param name="ExitCode">The command's exit code (the part before the colon of ExitCode).</param>
/// <param name="Signal">The signal that ended it, or 0 (the part after the colon).</param>
/// <param name="RunSeconds">RunTime in seconds, when given.</param>
/// <param name="Reason">Slurm's Reason field, when not None.</param>
internal sealed partial record SlurmJobInfo(string State, int ExitCode, int Signal, double? RunSeconds, string? Reason)
{
    /// <summary>The job is over: Slurm will not run it any more.</summary>
    public bool IsFinal => State is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL" or "PREEMPTED"
        or "BOOT_FAIL" or "DEADLINE" or "OUT_OF_MEMORY" or "REVOKED" or "SPECIAL_EXIT";

    /// <summary>Parses one line of <c>scontrol show job -o</c>; null when it names no state.</summary>
    public static SlurmJobInfo? ParseScontrol(string text)
    {
        var state = Field(text, "JobState");
        if (state is null)
        {
            return null;
        }

        var (code, signal) = ParseExitCode(Field(text, "ExitCode"));
        var reason = Field(text, "Reason");
        return new SlurmJobInfo(state, code, signal, ParseDuration(Field(text, "RunTime")), reason is null or "None" ? null : reason);
    }

    /// <summary>Parses the first line of <c>sacct -n -P -o State,ExitCode</c>; null when there is none.</summary>
    public static SlurmJobInfo? ParseSacct(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var parts = line?.Split('|');
        if (parts is null || parts.Length < 2 || parts[0].Length == 0)
        {
            return null;
        }

        // sacct writes "CANCELLED by 0": the state is the first word.
        var state = parts[0].Split(' ')[0];
        var (code, signal) = ParseExitCode(parts[1]);
        return new SlurmJobInfo(state, code, signal, null, null);
    }

    /// <summary>Seconds in a Slurm duration, <c>[D-]HH:MM:SS</c>, <c>MM:SS</c> or <c>SS</c>; null when it is not one.</summary>
    public static double? ParseDuration(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var days = 0;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            if (!int.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out days))
            {
                return null;
            }

            text = text[(dash + 1)..];
        }

        double seconds = 0;
        foreach (var part in text.Split(':'))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            seconds = (seconds * 60) + value;
        }

        return (days * 86400) + seconds;
    }

    private static (int Code, int Signal) ParseExitCode(string? text)
    {
        var parts = (text ?? "").Split(':');
        var code = parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
        var signal = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        return (code, signal);
    }

    private static string? Field(string text, string name)
    {
        foreach (Match match in FieldPattern().Matches(text))
        {
            if (match.Groups[1].Value == name)
            {
                return match.Groups[2].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:^|\s)([A-Za-z]+)=(\S*)")]
    private static partial Regex FieldPattern();
}
