using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Sites;
using Suanwang.Storage;

namespace Suanwang.ControlPlane.Market;

/// <summary>
/// Settles open orders whose jobs have ended: meters their runs, charges them and releases the
/// rest of the hold. Settling is a compare-and-set in the store, so servers sharing a database may
/// all run this and each order is still settled once; a crash before the commit leaves the order
/// open for the next pass.
/// </summary>
public sealed partial class Settler(IStore store, SiteDirectory directory, IOptions<MarketOptions> market, TimeProvider time, ILogger<Settler> logger) : BackgroundService
{
    private const int Batch = 200;
    private static readonly TimeSpan s_quoteSweepInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_quoteRetention = TimeSpan.FromDays(1);

    /// <summary>Settles every order that is ready; returns how many this call settled.</summary>
    public async Task<int> SettleReadyAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        while (true)
        {
            // A job cancelled while placed may have started on its site: its order waits a while for the stop report.
            var ready = await store.ListOrdersToSettleAsync(Batch, time.GetUtcNow() - market.Value.StopReportWait, cancellationToken).ConfigureAwait(false);
            if (ready.Count == 0)
            {
                return settled;
            }

            var byId = directory.ById(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false));

            var progressed = false;
            foreach (var order in ready)
            {
                var usage = order.JobId is { } job ? await store.ListUsageAsync(job, cancellationToken).ConfigureAwait(false) : [];
                var plan = SettlementPlan.For(order, usage, id => byId.GetValueOrDefault(id), market.Value.RateOf, market.Value.CommissionRate);
                if (await store.SettleOrderAsync(order.Id, plan.Rows, plan.Posting, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                {
                    settled++;
                    progressed = true;
                }
            }

            if (!progressed || ready.Count < Batch)
            {
                return settled;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SettleReadyAsync(stoppingToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                if (now - lastSweep >= s_quoteSweepInterval)
                {
                    // An expired quote still answers 410 for a day, then it is gone (404).
                    await store.DeleteExpiredQuotesAsync(now - s_quoteRetention, stoppingToken).ConfigureAwait(false);
                    lastSweep = now;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSettleError(ex);
            }

            await Task.Delay(market.Value.SettleInterval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Settling orders failed; they stay open for the next pass")]
    private partial void LogSettleError(Exception ex);
}
