using System.Globalization;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Backends;

/// <summary>The time limit of an assignment as a span, refused with a reason when no job spec could have it.</summary>
internal static class TimeLimits
{
    /// <summary>The limit, null for none; a <see cref="BackendException"/> when it is past the longest a spec allows.</summary>
    public static TimeSpan? Of(Assignment assignment)
    {
        if (assignment.TimeLimitSeconds is not (> 0 and var seconds))
        {
            return null;
        }

        // Bounded like the spec so that neither a TimeSpan nor Slurm's minutes can overflow.
        return seconds <= JobSpecFields.MaxDurationSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new BackendException(string.Create(CultureInfo.InvariantCulture, $"time limit of {seconds} s is past the most allowed, {JobSpecFields.MaxDurationSeconds:0} s"));
    }
}
