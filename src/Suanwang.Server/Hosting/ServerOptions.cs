using Microsoft.Extensions.Logging;
using Suanwang.Core.Accelerators;

namespace Suanwang.Server.Hosting;

/// <summary>How a Suanwang server runs: where it listens, how fast it schedules and when it gives up on an agent.</summary>
public sealed record ServerOptions
{
    /// <summary>URLs to listen on, separated by ';'. Loopback only by default; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8420";

    /// <summary>Folder of the server's local files (the SQLite database, the bootstrap key); informational for the server itself.</summary>
    public string? DataFolder { get; init; }

    /// <summary>The PostgreSQL connection string the store was opened with, if any; informational for the server itself.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>An agent silent this long is declared down and its jobs are placed elsewhere.</summary>
    public TimeSpan AgentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often agents heartbeat (and so pick up new work); capped at a sixth of <see cref="AgentTimeout"/>.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time between scheduler passes when nothing signals one sooner.</summary>
    public TimeSpan SchedulerInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a server that is not the scheduler tries to become it.</summary>
    public TimeSpan LeaseRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Queue policy name, one of <see cref="Suanwang.Scheduling.Queue.QueuePolicies.Names"/>.</summary>
    public string QueuePolicy { get; init; } = "priority";

    /// <summary>Placement objective: time, cost, carbon or balanced.</summary>
    public string Objective { get; init; } = "balanced";

    /// <summary>Base currency prices are compared in.</summary>
    public string Currency { get; init; } = "CNY";

    /// <summary>Units of <see cref="Currency"/> per unit of each other currency a site may price in.</summary>
    public IReadOnlyDictionary<string, decimal> ExchangeRates { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Share of every charge the platform keeps as commission, 0..1; the rest is owed to the site's owner.</summary>
    public decimal CommissionRate { get; init; } = 0.05m;

    /// <summary>How long a quote may be ordered after it was given.</summary>
    public TimeSpan QuoteLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often open orders whose jobs have ended are looked for and settled.</summary>
    public TimeSpan SettleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When true, tenant keys start jobs only through paid orders (<c>POST /api/v1/orders</c>);
    /// <c>POST /api/v1/jobs</c> then answers 402 for them. Admin keys may always submit directly.
    /// </summary>
    public bool RequireOrders { get; init; }

    /// <summary>The accelerator catalog sites and jobs refer to.</summary>
    public AcceleratorCatalog Catalog { get; init; } = AcceleratorCatalog.Default;

    /// <summary>The clock; tests pass a manual one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Least level of log messages written to the console; <see cref="LogLevel.None"/> for silence.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;
}
