using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Policy;
using Suanwang.ControlPlane.Sites;
using Suanwang.Storage;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// Runs scheduler passes while this process holds the scheduler lease (one process among those
/// sharing a store); the others only serve the API and keep trying for the lease.
/// </summary>
public sealed partial class SchedulerLoop(
    IStore store,
    IOptions<DispatchOptions> dispatch,
    TimeProvider time,
    SiteDirectory directory,
    SchedulerSignal signal,
    LeaderStatus leader,
    ClusterSnapshot snapshot,
    LiveSchedulerGate gate,
    ILogger<SchedulerLoop> logger,
    DataLaw? law = null) : BackgroundService
{
    private static readonly TimeSpan s_leaseCheck = TimeSpan.FromSeconds(1);
    private long _passes;

    /// <summary>Passes run by this process so far, for tests and diagnostics.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ISchedulerLease? lease = null;
            try
            {
                lease = await store.TryAcquireSchedulerLeaseAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLeaseError(ex);
            }

            if (lease is null)
            {
                await Task.Delay(dispatch.Value.LeaseRetryInterval, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            await using (lease.ConfigureAwait(false))
            {
                await LeadAsync(lease, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task LeadAsync(ISchedulerLease lease, CancellationToken stoppingToken)
    {
        leader.Won(time.GetUtcNow());
        LogLeading();
        var pass = NewPass();
        var lastCheck = time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await pass.RunAsync(stoppingToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _passes);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A pass that failed half-way may have left memory and store apart: start over from the store.
                    LogPassError(ex);
                    pass = NewPass();
                }

                if (time.GetUtcNow() - lastCheck >= s_leaseCheck)
                {
                    lastCheck = time.GetUtcNow();
                    if (!await lease.IsHeldAsync(stoppingToken).ConfigureAwait(false))
                    {
                        LogLeaseLost();
                        return;
                    }
                }

                await signal.WaitAsync(dispatch.Value.SchedulerInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            leader.Lost();
            snapshot.Clear();
            gate.Attach(null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This server now runs the scheduler loop")]
    private partial void LogLeading();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduler lease was lost; serving the API only")]
    private partial void LogLeaseLost();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not try for the scheduler lease")]
    private partial void LogLeaseError(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduler pass failed; rebuilding from the store")]
    private partial void LogPassError(Exception ex);

    private SchedulerPass NewPass() => new(store, new LiveScheduler(dispatch, directory), dispatch, time, snapshot, gate, law);
}
