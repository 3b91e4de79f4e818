using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suanwang.Core.Jobs;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// Declares down the sites whose agent has been silent past the timeout and requeues their
/// placed and running jobs, so the scheduler places them elsewhere under a new fence. Runs in the
/// scheduler's process only; silence counts from when this process became the scheduler at the
/// earliest, so a restarted server does not condemn agents it has not yet had time to hear.
/// </summary>
public sealed partial class FailoverMonitor(
    IStore store,
    IOptions<AgentLinkOptions> link,
    TimeProvider time,
    LeaderStatus leader,
    SchedulerSignal signal,
    ILogger<FailoverMonitor> logger) : BackgroundService
{
    /// <summary>Checks once: marks silent sites down and requeues their jobs. Returns the sites marked down.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        if (leader.Since is not { } since)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var timeout = link.Value.AgentTimeout;
        var down = 0;
        IReadOnlyList<JobRecord>? active = null;
        foreach (var site in await store.ListSitesAsync(cancellationToken).ConfigureAwait(false))
        {
            var heardOrWatched = site.LastHeartbeat > since ? site.LastHeartbeat : since;
            if (!site.Up || now - heardOrWatched <= timeout)
            {
                continue;
            }

            if (!await store.MarkDownAsync(site.Id, now, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            down++;
            var reason = $"site {site.Id} silent for {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
            LogSiteDown(site.Id, timeout.TotalSeconds);
            active ??= await store.ListActiveJobsAsync(long.MaxValue, cancellationToken).ConfigureAwait(false);
            foreach (var job in active)
            {
                if (job.Site != site.Id || job.State is not (JobState.Placed or JobState.Running))
                {
                    continue;
                }

                var cards = job.CardsPerNode * (job.Nodes?.Count ?? 0);
                var seconds = job.State == JobState.Running && job.StartedAt is { } started ? Math.Max(0, (now - started).TotalSeconds) * cards : 0;
                // The store writes the "preempted" event with the requeue.
                await store.RequeueAsync(job.Id, job.Fence, seconds, reason, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (down > 0)
        {
            signal.Notify();
        }

        return down;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(link.Value.AgentTimeout.Ticks / 6, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond * 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(period, time, stoppingToken).ConfigureAwait(false);
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckError(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site} silent for {Seconds} s: marked down, its jobs requeued")]
    private partial void LogSiteDown(string site, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The failover check failed")]
    private partial void LogCheckError(Exception ex);
}
