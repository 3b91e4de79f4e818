using System.Globalization;
using Suanwang.Core.Jobs;

namespace Suanwang.Storage.Jobs;

/// <summary>The events the stores write with each state change, the same in every dialect.</summary>
public static class JobMessages
{
    /// <summary>Message of the "submitted" event.</summary>
    public static string Submitted(string tenant) => $"submitted by {tenant}";

    /// <summary>Message of the "placed" event.</summary>
    public static string Placed(Placement placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"placed on site {placement.Site}, pool {placement.Pool}, nodes {string.Join(',', placement.Nodes)}, {placement.CardsPerNode} cards per node");
    }

    /// <summary>Message of the "started" event.</summary>
    public static string Started(string site) => $"started on site {site}";

    /// <summary>Kind and message of the event for a finished run: "exited" when it has an exit code, else "failed".</summary>
    public static (string Kind, string Message) Finished(JobState state, int? exitCode, string? reason)
    {
        if (exitCode is { } code)
        {
            var exited = string.Create(CultureInfo.InvariantCulture, $"exited with code {code}");
            return ("exited", reason is null ? exited : $"{exited}: {reason}");
        }

        return state == JobState.Succeeded ? ("exited", "succeeded") : ("failed", reason ?? "failed");
    }

    /// <summary>Refuses a finish that is not to succeeded or failed, or that uses negative time.</summary>
    public static void CheckFinish(JobState state, double acceleratorSeconds)
    {
        if (state is not (JobState.Succeeded or JobState.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "a run finishes as succeeded or failed");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(acceleratorSeconds);
    }
}
