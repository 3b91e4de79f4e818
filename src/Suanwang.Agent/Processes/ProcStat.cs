using System.Globalization;

namespace Suanwang.Agent.Processes;

/// <summary>The fields of /proc/PID/stat the agent uses.</summary>
/// <param name="State">R, S, D, Z, T, ...</param>
/// <param name="ProcessGroup">The process group id.</param>
/// <param name="StartTicks">Start time after boot in clock ticks; with the pid it names one process for ever.</param>
internal readonly record struct ProcStat(char State, int ProcessGroup, long StartTicks)
{
    /// <summary>Neither a zombie nor dead.</summary>
    public bool IsLive => State is not ('Z' or 'X' or 'x');

    /// <summary>Parses the text of a stat file. The command name may hold spaces and parentheses, so fields count from the last ')'.</summary>
    public static bool TryParse(string text, out ProcStat stat)
    {
        stat = default;
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return false;
        }

        // After ") ": state(3) ppid(4) pgrp(5) ... starttime(22), numbered as in proc(5).
        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0].Length != 1
            || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pgrp)
            || !long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
        {
            return false;
        }

        stat = new ProcStat(fields[0][0], pgrp, start);
        return true;
    }
}
