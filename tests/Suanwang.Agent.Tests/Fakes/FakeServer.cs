using System.Text.Json;
using Suanwang.Agent.Server;
using Suanwang.Client;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Tests.Fakes;

/// <summary>
/// A server that behaves like the real one where the agent can tell: assignments repeat until a
/// started report arrives, epochs grow with each registration, some fences are stale.
/// </summary>
internal sealed class FakeServer : IServerClient
{
    private long _epoch;

    public bool Down { get; set; }

    public bool StaleOnNextHeartbeat { get; set; }

    /// <summary>When set, calls of this kind are refused with this status: "register" or "heartbeat".</summary>
    public (string Call, int Status)? Refuse { get; set; }

    public string SiteId { get; set; } = "cn-test-1";

    public double HeartbeatSeconds { get; set; } = 5;

    /// <summary>The body limit the registration answer names (null: not named).</summary>
    public long? MaxRequestBytes { get; set; }

    /// <summary>The per-job log cap the registration answer names (null: not named).</summary>
    public long? MaxJobLogBytes { get; set; }

    /// <summary>Report batches larger than this as JSON are refused with 413, whatever the registration said.</summary>
    public long? RefuseBatchesOver { get; set; }

    /// <summary>When set, every report batch holding a log report is refused with this status.</summary>
    public int? RefuseLogs { get; set; }

    /// <summary>Which log reports <see cref="RefuseLogs"/> refuses; all when null.</summary>
    public Func<RunReport, bool>? RefuseLogsWhere { get; set; }

    /// <summary>When set, report calls wait on this until the test completes it: an upload on its way.</summary>
    public TaskCompletionSource? HoldReports { get; set; }

    /// <summary>The JSON size of every batch sent, delivered or refused.</summary>
    public List<int> BatchSizes { get; } = [];

    public List<int> RefusedBatches { get; } = [];

    public List<AgentRegistration> Registrations { get; } = [];

    public List<Heartbeat> Heartbeats { get; } = [];

    public List<ReportBatch> Batches { get; } = [];

    public IEnumerable<RunReport> Reports => Batches.SelectMany(b => b.Reports);

    /// <summary>Handed out in every heartbeat until the agent reports the dispatch started (or exited).</summary>
    public List<Assignment> Offered { get; } = [];

    /// <summary>Handed out once, in the next heartbeat.</summary>
    public List<StopOrder> StopOrders { get; } = [];

    /// <summary>Fences whose reports are refused: the job was moved.</summary>
    public HashSet<(long Job, long Fence)> StaleFences { get; } = [];

    /// <summary>Fences whose reports are answered with stop.</summary>
    public HashSet<(long Job, long Fence)> StopFences { get; } = [];

    public Task<AgentRegistered> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        ThrowIfRefused("register");
        Registrations.Add(registration);
        return Task.FromResult(new AgentRegistered(SiteId, ++_epoch, HeartbeatSeconds, MaxRequestBytes, MaxJobLogBytes));
    }

    public Task<HeartbeatReply> HeartbeatAsync(string siteId, Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        ThrowIfRefused("heartbeat");
        Assert.Equal(SiteId, siteId);
        if (StaleOnNextHeartbeat || heartbeat.Epoch != _epoch)
        {
            StaleOnNextHeartbeat = false;
            throw new StaleEpochException("409 Conflict: stale epoch");
        }

        Heartbeats.Add(heartbeat);
        var stops = StopOrders.ToList();
        StopOrders.Clear();
        return Task.FromResult(new HeartbeatReply(Offered.ToList(), stops));
    }

    public async Task<ReportReply> ReportAsync(string siteId, ReportBatch batch, CancellationToken cancellationToken)
    {
        if (HoldReports is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        return Report(siteId, batch);
    }

    private ReportReply Report(string siteId, ReportBatch batch)
    {
        ThrowIfDown();
        var size = JsonSerializer.SerializeToUtf8Bytes(batch, ProtocolJson.Options).Length;
        BatchSizes.Add(size);
        if (size > RefuseBatchesOver || (RefuseLogs is not null && batch.Reports.Any(r => r.Kind == ReportKind.Log && (RefuseLogsWhere is null || RefuseLogsWhere(r)))))
        {
            RefusedBatches.Add(size);
            var status = size > RefuseBatchesOver ? 413 : RefuseLogs!.Value;
            throw new ApiException(status, $"POST reports: {status} refused");
        }

        Assert.Equal(SiteId, siteId);
        if (batch.Epoch != _epoch)
        {
            throw new StaleEpochException("409 Conflict: stale epoch");
        }

        Batches.Add(batch);
        var results = new List<ReportResult>();
        foreach (var report in batch.Reports)
        {
            var key = (report.Job, report.Fence);
            if (report.Kind is ReportKind.Started or ReportKind.Exited or ReportKind.NotStarted)
            {
                Offered.RemoveAll(a => a.Job == report.Job && a.Fence == report.Fence);
            }

            results.Add(new ReportResult(report.Job, !StaleFences.Contains(key), StopFences.Contains(key)));
        }

        return new ReportReply(results);
    }

    public IReadOnlyList<RunReport> ReportsFor(long job) => Reports.Where(r => r.Job == job).ToList();

    /// <summary>The job's output as the reports carried it, in offset order.</summary>
    public string OutputOf(long job) => string.Concat(ReportsFor(job).Where(r => r.Kind == ReportKind.Log).OrderBy(r => r.Offset).Select(r => r.Text));

    private void ThrowIfRefused(string call)
    {
        if (Refuse is { } refuse && refuse.Call == call)
        {
            throw new ApiException(refuse.Status, $"POST {call}: {refuse.Status} refused");
        }
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw ApiException.Unreachable("connection refused (127.0.0.1:1)");
        }
    }
}
