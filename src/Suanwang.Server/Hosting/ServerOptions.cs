using Microsoft.Extensions.Logging;
using Suanwang.ControlPlane.Audit;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Core.Accelerators;

namespace Suanwang.Server.Hosting;

/// <summary>How a Suanwang server is hosted (where it listens, its limits, clock and catalog), with each feature's options.</summary>
public sealed record ServerOptions
{
    /// <summary>URLs to listen on, separated by ';'. Loopback only by default; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8420";

    /// <summary>Folder of the server's local files (the SQLite database, the bootstrap key); informational for the server itself.</summary>
    public string? DataFolder { get; init; }

    /// <summary>The PostgreSQL connection string the store was opened with, if any; informational for the server itself.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>How the live scheduler orders, places and paces work.</summary>
    public DispatchOptions Dispatch { get; init; } = new();

    /// <summary>How agents keep in touch, and when one is given up on.</summary>
    public AgentLinkOptions AgentLink { get; init; } = new();

    /// <summary>The market's currencies, commission, quotes and settlement.</summary>
    public MarketOptions Market { get; init; } = new();

    /// <summary>The transparency log's origin and how often it signs a checkpoint.</summary>
    public AuditOptions Audit { get; init; } = new();

    /// <summary>The token buckets of admin keys, agents and requests without a key; tenants' keys use their tenant's limits.</summary>
    public RateLimitOptions RateLimits { get; init; } = new();

    /// <summary>The token gateway under <c>/v1</c>: refresh intervals, timeouts and body limits.</summary>
    public GatewayOptions Gateway { get; init; } = new();

    /// <summary>The accelerator catalog sites and jobs refer to.</summary>
    public AcceleratorCatalog Catalog { get; init; } = AcceleratorCatalog.Default;

    /// <summary>
    /// The folder of the data-law rule files (one *.yaml per jurisdiction); null for the rules/law
    /// shipped beside the program. A missing folder or a bad file stops the server from starting.
    /// </summary>
    public string? LawRulesFolder { get; init; }

    /// <summary>The clock; tests pass a manual one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Least level of log messages written to the console; <see cref="LogLevel.None"/> for silence.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;
}
