using Suanwang.Core.Jobs;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Logs;
using Suanwang.Storage.Sites;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Tests.Fakes;

/// <summary>
/// An in-memory store that keeps the contract's compare-and-set rules and writes the same events,
/// with the same kinds and messages, as the real stores with each state change; one lock makes every call atomic.
/// </summary>
public sealed partial class FakeStore : IStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, JobRecord> _jobs = [];
    private readonly List<JobEvent> _events = [];
    private readonly Dictionary<long, SortedDictionary<long, string>> _logs = [];
    private readonly SortedDictionary<string, SiteRecord> _sites = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, TenantRecord> _tenants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApiKeyRecord> _keysByHash = new(StringComparer.Ordinal);
    private long _nextJob = 1;
    private long _nextEvent = 1;
    private FakeLease? _lease;

    public string Dialect => "fake";

    /// <summary>Calls to <see cref="PlaceAsync"/> that succeeded.</summary>
    public int Placements { get; private set; }

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ISchedulerLease?> TryAcquireSchedulerLeaseAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_lease is not null)
            {
                return Task.FromResult<ISchedulerLease?>(null);
            }

            _lease = new FakeLease(this);
            return Task.FromResult<ISchedulerLease?>(_lease);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<JobRecord> SubmitAsync(NewJob job, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Submit(job, at));
        }
    }

    public Task<JobRecord?> GetJobAsync(long id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_jobs.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<JobRecord> page = _jobs.Values.Reverse()
                .Where(j => (query.Tenant is null || j.Tenant == query.Tenant)
                    && (query.State is null || j.State == query.State)
                    && (query.Site is null || j.Site == query.Site)
                    && (query.BeforeId is null || j.Id < query.BeforeId))
                .Take(query.Limit)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<JobRecord>> ListActiveJobsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<JobRecord> active = _jobs.Values.Where(j => !JobStates.IsFinal(j.State)).ToList();
            return Task.FromResult(active);
        }
    }

    public Task<bool> PlaceAsync(Placement placement, long expectedFence, DateTimeOffset at, CancellationToken cancellationToken) =>
        Change(placement.JobId, j => j.State is JobState.Queued or JobState.Preempted && j.Fence == expectedFence, at, j =>
        {
            Placements++;
            _prices[j.Id] = (placement.Price, placement.Currency, placement.Spot);
            return j with
            {
                State = JobState.Placed,
                Site = placement.Site,
                Pool = placement.Pool,
                Nodes = [.. placement.Nodes],
                CardsPerNode = placement.CardsPerNode,
                Devices = [.. placement.Devices],
                Fence = j.Fence + 1,
                StartedAt = null,
                Reason = null,
            };
        }, _ => ("placed", JobMessages.Placed(placement)));

    public Task<bool> RecordDevicesAsync(long id, long fence, IReadOnlyList<int> devices, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(id, out var job) || job.Fence != fence || job.State is not (JobState.Placed or JobState.Running) || job.Devices is not null)
            {
                return Task.FromResult(false);
            }

            _jobs[id] = job with { Devices = [.. devices] };
            return Task.FromResult(true);
        }
    }

    /// <summary>Forgets the devices of a held job, as for one placed before devices were stored with the placement.</summary>
    public void ForgetDevices(long id)
    {
        lock (_lock)
        {
            _jobs[id] = _jobs[id] with { Devices = null };
        }
    }

    public Task<bool> MarkRunningAsync(long id, long fence, DateTimeOffset at, CancellationToken cancellationToken) =>
        Change(id, j => j.State == JobState.Placed && j.Fence == fence, at, j => j with { State = JobState.Running, StartedAt = at }, j => ("started", JobMessages.Started(j.Site!)));

    public Task<bool> FinishAsync(long id, long fence, JobState state, int? exitCode, double acceleratorSeconds, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        JobMessages.CheckFinish(state, acceleratorSeconds);
        return Change(id, j => j.State is JobState.Placed or JobState.Running && j.Fence == fence, at, j => Metered(j, acceleratorSeconds, at, JobStates.Name(state)) with
        {
            State = state,
            ExitCode = exitCode,
            AcceleratorSeconds = j.AcceleratorSeconds + acceleratorSeconds,
            Reason = reason,
            EndedAt = at,
        }, _ => JobMessages.Finished(state, exitCode, reason));
    }

    public Task<bool> RequeueAsync(long id, long fence, double acceleratorSeconds, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(acceleratorSeconds);
        return Change(id, j => j.State is JobState.Placed or JobState.Running && j.Fence == fence, at, j => Metered(j, acceleratorSeconds, at, "preempted") with
        {
            State = JobState.Preempted,
            Site = null,
            Pool = null,
            Nodes = null,
            CardsPerNode = 0,
            Devices = null,
            StartedAt = null,
            AcceleratorSeconds = j.AcceleratorSeconds + acceleratorSeconds,
            Reason = reason,
        }, _ => ("preempted", reason));
    }

    public Task<JobRecord?> CancelAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(id, out var job) || JobStates.IsFinal(job.State))
            {
                return Task.FromResult<JobRecord?>(null);
            }

            if (job.State is JobState.Placed or JobState.Running)
            {
                var cards = job.CardsPerNode * job.Nodes!.Count;
                Metered(job, job.StartedAt is { } started ? cards * Math.Max(0, (at - started).TotalSeconds) : 0, at, "cancelled");
            }

            job = job with { State = JobState.Cancelled, Reason = reason, EndedAt = at };
            _jobs[id] = job;
            AddEvent(id, "cancelled", reason, at);
            return Task.FromResult<JobRecord?>(job);
        }
    }

    public Task AppendEventAsync(long jobId, string kind, string message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            AddEvent(jobId, kind, message, at);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<JobEvent>> ListEventsAsync(long jobId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<JobEvent> events = _events.Where(e => e.JobId == jobId).ToList();
            return Task.FromResult(events);
        }
    }

    public Task<bool> AppendLogAsync(long jobId, long fence, long offset, string text, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || job.Fence != fence)
            {
                return Task.FromResult(false);
            }

            if (!_logs.TryGetValue(jobId, out var chunks))
            {
                chunks = [];
                _logs[jobId] = chunks;
            }

            chunks.TryAdd(offset, text);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<LogChunk>> ReadLogAsync(long jobId, long fromOffset, int maxBytes, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var result = new List<LogChunk>();
            var bytes = 0;
            if (_logs.TryGetValue(jobId, out var chunks))
            {
                foreach (var (offset, text) in chunks)
                {
                    if (offset < fromOffset)
                    {
                        continue;
                    }

                    if (bytes >= maxBytes)
                    {
                        break;
                    }

                    result.Add(new LogChunk(jobId, offset, text));
                    bytes += System.Text.Encoding.UTF8.GetByteCount(text);
                }
            }

            return Task.FromResult<IReadOnlyList<LogChunk>>(result);
        }
    }

    public Task<SiteRecord> RegisterSiteAsync(string id, string spec, string backend, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var old = _sites.GetValueOrDefault(id);
            var site = new SiteRecord(id, spec, backend, true, old?.Draining ?? false, at, (old?.AgentEpoch ?? 0) + 1);
            _sites[id] = site;
            return Task.FromResult(site);
        }
    }

    public Task<SiteRecord?> GetSiteAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_sites.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<SiteRecord>> ListSitesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SiteRecord>>(_sites.Values.ToList());
        }
    }

    public Task<bool> HeartbeatAsync(string id, long epoch, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeSite(id, s => s.AgentEpoch == epoch, s => s with { LastHeartbeat = at });

    public Task<bool> MarkDownAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeSite(id, s => s.Up, s => s with { Up = false });

    public Task<bool> SetDrainingAsync(string id, bool draining, CancellationToken cancellationToken) =>
        ChangeSite(id, _ => true, s => s with { Draining = draining });

    public Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_tenants.TryAdd(tenant.Id, tenant));
        }
    }

    public Task<TenantRecord?> GetTenantAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_tenants.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<TenantRecord>>(_tenants.Values.ToList());
        }
    }

    public Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _keysByHash[key.Hash] = key;
            return Task.CompletedTask;
        }
    }

    public Task<ApiKeyRecord?> FindApiKeyAsync(string hash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keysByHash.GetValueOrDefault(hash));
        }
    }

    public Task<bool> RevokeApiKeyAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = _keysByHash.Values.FirstOrDefault(k => k.Id == id);
            return Task.FromResult(key is not null && _keysByHash.Remove(key.Hash));
        }
    }

    // Applies the change and records its event (read from the changed job) together, as the real stores do.
    private Task<bool> Change(long id, Func<JobRecord, bool> when, DateTimeOffset at, Func<JobRecord, JobRecord> change, Func<JobRecord, (string Kind, string Message)> recordedAs)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(id, out var job) || !when(job))
            {
                return Task.FromResult(false);
            }

            var changed = change(job);
            _jobs[id] = changed;
            var (kind, message) = recordedAs(changed);
            AddEvent(id, kind, message, at);
            return Task.FromResult(true);
        }
    }

    private Task<bool> ChangeSite(string id, Func<SiteRecord, bool> when, Func<SiteRecord, SiteRecord> change)
    {
        lock (_lock)
        {
            if (!_sites.TryGetValue(id, out var site) || !when(site))
            {
                return Task.FromResult(false);
            }

            _sites[id] = change(site);
            return Task.FromResult(true);
        }
    }

    private JobRecord Submit(NewJob job, DateTimeOffset at)
    {
        var record = new JobRecord(_nextJob++, job.Tenant, job.Name, job.Spec, job.SpecText, JobState.Queued, job.Priority, null, null, null, 0, null, 0, at, null, null, null, 0, null, job.PinnedSite);
        _jobs[record.Id] = record;
        AddEvent(record.Id, "submitted", JobMessages.Submitted(job.Tenant), at);
        return record;
    }

    private void AddEvent(long jobId, string kind, string message, DateTimeOffset at) =>
        _events.Add(new JobEvent(_nextEvent++, jobId, at, kind, message));

    private sealed class FakeLease(FakeStore store) : ISchedulerLease
    {
        public Task<bool> IsHeldAsync(CancellationToken cancellationToken) => Task.FromResult(store._lease == this);

        public ValueTask DisposeAsync()
        {
            lock (store._lock)
            {
                if (store._lease == this)
                {
                    store._lease = null;
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
