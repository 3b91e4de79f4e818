using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Suanwang.ControlPlane.Audit;

/// <summary>
/// Integrates the log's pending entries on a fixed schedule, one every
/// <see cref="AuditOptions.IntegrationInterval"/> from the start of the one before (at once again
/// while a full batch was taken), so that under load a new signed checkpoint follows within the
/// interval. It runs on a thread of its own, so a busy thread pool does not delay its turns.
/// Several processes sharing a store take turns through the store.
/// </summary>
public sealed partial class AuditCheckpointer(AuditLog log, AuditOptions options, TimeProvider time, ILogger<AuditCheckpointer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            var full = false;
            try
            {
                full = log.IntegrateAsync(stoppingToken).GetAwaiter().GetResult() >= options.MaxIntegration;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogIntegrationError(ex);
            }

            // The next turn is due one interval after this one started, whatever it took.
            var wait = options.IntegrationInterval - time.GetElapsedTime(started);
            if (!full && wait > TimeSpan.Zero)
            {
                try
                {
                    Task.Delay(wait, time, stoppingToken).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Integrating the audit log failed")]
    private partial void LogIntegrationError(Exception ex);
}
