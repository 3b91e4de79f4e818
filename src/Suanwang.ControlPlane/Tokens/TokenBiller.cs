using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Market;
using Suanwang.Storage;
using Suanwang.Storage.Health;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// Bills token usage into the ledger every <see cref="GatewayOptions.BillInterval"/> and once at
/// start (records a crash left unbilled are billed then). Replicas sharing a database may all run
/// it: the store bills each record once.
/// </summary>
public sealed partial class TokenBiller(IStore store, IOptions<MarketOptions> market, GatewayOptions options, TimeProvider time, ILogger<TokenBiller> logger) : BackgroundService
{
    /// <summary>Bills what is unbilled now; returns how many records.</summary>
    public async Task<int> BillAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var result = await store.BillTokenUsageAsync(market.Value.CommissionRate, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            total += result.Records;
            if (result.Records == 0)
            {
                return total;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.BillInterval, time);
        do
        {
            try
            {
                await BillAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException ex)
            {
                LogStoreDown(ex.Message);
            }
#pragma warning disable CA1031 // Billing runs again next time; one failed pass must not stop the host.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token usage not billed this time: {Reason}")]
    private partial void LogStoreDown(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Billing token usage failed; it is tried again next time: {Reason}")]
    private partial void LogFailed(string reason);
}
