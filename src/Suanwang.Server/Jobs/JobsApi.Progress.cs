using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Jobs;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Storage;

namespace Suanwang.Server.Jobs;

/// <summary><c>POST /api/v1/jobs/{id}/progress</c>: a running job reports its step rate.</summary>
internal static partial class JobsApi
{
    /// <summary>The fastest step rate a job may report.</summary>
    private const double MaxStepsPerSecond = 1e9;

    /// <summary>A job's history keeps at most one progress report per card count a minute.</summary>
    private static readonly TimeSpan s_progressEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Records a running job's step rate on its current cards in its history ("progress"), at most
    /// once a minute for the same card count: 204. 400 naming the field for a card count other than
    /// the run's or a rate that is not in (0, 10^9]; 409 when the job is not running.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ProgressAsync(
        long id,
        HttpRequest request,
        Caller caller,
        IStore store,
        RequestBodies bodies,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var job = await VisibleAsync(id, caller, store, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return Problems.NotFound("job", Id(id));
        }

        var (progress, problem) = await bodies.ReadJsonAsync<JobProgress>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!double.IsFinite(progress!.StepsPerSecond) || progress.StepsPerSecond <= 0 || progress.StepsPerSecond > MaxStepsPerSecond)
        {
            return Problems.BadField("steps_per_second", "must be a number above 0 and at most 1000000000");
        }

        if (job.State != JobState.Running)
        {
            return Problems.Conflict($"job {id} is not running (it is {JobStates.Name(job.State)}); only a running job reports progress", "state");
        }

        if (progress.Cards != job.CardsPerNode)
        {
            return Problems.BadField("cards", $"the job's run has {job.CardsPerNode} cards per node, not {progress.Cards}");
        }

        var at = time.GetUtcNow();
        var message = string.Create(CultureInfo.InvariantCulture, $"{progress.StepsPerSecond:0.###} steps/s on {progress.Cards} cards");
        var suffix = string.Create(CultureInfo.InvariantCulture, $" on {progress.Cards} cards");
        var events = await store.ListEventsAsync(id, cancellationToken).ConfigureAwait(false);
        var last = events.LastOrDefault(e => e.Kind == "progress" && e.Message.EndsWith(suffix, StringComparison.Ordinal));
        if (last is null || at - last.At >= s_progressEvery)
        {
            await store.AppendEventAsync(id, "progress", message, at, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.NoContent();
    }
}
