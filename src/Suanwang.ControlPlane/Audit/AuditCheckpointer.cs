using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Suanwang.ControlPlane.Audit;

/// <summary>
/// Integrates the log's pending entries every <see cref="AuditOptions.IntegrationInterval"/>
/// (at once again while a full batch was taken), so that under load a new signed checkpoint
/// follows within the interval. Several processes sharing a store take turns through the store.
/// </summary>
public sealed partial class AuditCheckpointer(AuditLog log, AuditOptions options, TimeProvider time, ILogger<AuditCheckpointer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await log.IntegrateAsync(stoppingToken).ConfigureAwait(false) >= options.MaxIntegration;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogIntegrationError(ex);
            }

            if (!full)
            {
                await Task.Delay(options.IntegrationInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Integrating the audit log failed")]
    private partial void LogIntegrationError(Exception ex);
}
