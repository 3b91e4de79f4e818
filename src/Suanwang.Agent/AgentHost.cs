using System.Globalization;
using Suanwang.Agent.Backends;
using Suanwang.Agent.Journal;
using Suanwang.Agent.Sandbox;
using Suanwang.Agent.Server;
using Suanwang.Client;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent;

/// <summary>
/// The agent's loop: registers the site, heartbeats with the set of running dispatches, starts each
/// new assignment exactly once (journaled before the backend is asked), streams output, reports
/// exits with accelerator-seconds, and kills what the server says to stop. One <see cref="TickAsync"/>
/// does one round; <see cref="RunAsync(AgentOptions, CancellationToken)"/> repeats it. While the server is away the jobs
/// keep running and reports wait, in order, for it to come back; heartbeats never wait for reports.
/// </summary>
public sealed partial class AgentHost : IAsyncDisposable
{
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    private readonly IServerClient _server;
    private readonly IBackend _backend;
    private readonly string _siteYaml;
    private readonly string _workFolder;
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultHeartbeat;
    private readonly Action<string> _log;
    private readonly Dictionary<RunKey, TrackedRun> _runs = [];
    private RunJournal? _journal;
    private string? _siteId;
    private long _epoch;
    private bool _registered;
    private TimeSpan _heartbeat;
    private DateTimeOffset _nextHeartbeat;
    private DateTimeOffset _retryAt;
    private TimeSpan _backoff = s_firstBackoff;

    /// <summary>Creates the host; nothing happens until the first <see cref="TickAsync"/>.</summary>
    /// <param name="server">The server's agent protocol.</param>
    /// <param name="backend">Where jobs run.</param>
    /// <param name="siteYaml">The site in the network file's site format.</param>
    /// <param name="workFolder">The journal and the job folders go here.</param>
    /// <param name="time">The clock for heartbeats, back-off, run times.</param>
    /// <param name="heartbeat">Heartbeat interval until the server names one (5 s when null).</param>
    /// <param name="log">Receives one line per notable event.</param>
    public AgentHost(IServerClient server, IBackend backend, string siteYaml, string workFolder, TimeProvider time, TimeSpan? heartbeat = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteYaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(workFolder);
        ArgumentNullException.ThrowIfNull(time);
        _server = server;
        _backend = backend;
        _siteYaml = siteYaml;
        _workFolder = Path.GetFullPath(workFolder);
        _time = time;
        _defaultHeartbeat = heartbeat is { } h && h > TimeSpan.Zero ? h : TimeSpan.FromSeconds(5);
        _heartbeat = _defaultHeartbeat;
        _log = log ?? (_ => { });
    }

    /// <summary>True between a registration and the server's next refusal of its epoch.</summary>
    public bool IsRegistered => _registered;

    /// <summary>The site id the server registered, once registered.</summary>
    public string? SiteId => _siteId;

    /// <summary>The current epoch, once registered.</summary>
    public long Epoch => _epoch;

    /// <summary>The dispatches the agent runs or has not yet reported ended, as sent in heartbeats.</summary>
    public IReadOnlyList<RunningJob> Running =>
        [.. _runs.Values.Where(r => !r.Stale).Select(r => new RunningJob(r.Assignment.Job, r.Assignment.Fence)).OrderBy(r => r.Job).ThenBy(r => r.Fence)];

    /// <summary>Reports waiting for the server.</summary>
    public int PendingReports => _outbox.Count;

    /// <summary>Runs an agent until <paramref name="cancellationToken"/> is cancelled. Jobs keep running after it returns; a new agent on the same work folder takes them up.</summary>
    public static async Task RunAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.ServerUrl, UriKind.Absolute, out var serverUrl) || serverUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"server URL '{options.ServerUrl}' is not an http or https URL", nameof(options));
        }

        var time = TimeProvider.System;
        SandboxFolders.CreatePrivate(options.WorkFolder);
        var sandbox = options.Sandbox is { } sandboxOptions ? new JobSandbox(sandboxOptions, options.WorkFolder, options.Log) : null;
        if (sandbox is not null)
        {
            options.Log?.Invoke(sandbox.Describe());
        }

        IBackend backend = options.Backend switch
        {
            "local" => new LocalBackend(time, TimeSpan.FromSeconds(options.KillGraceSeconds), sandbox, CpuSlotsOnly(options.SiteYaml)),
            "slurm" => new SlurmBackend(time, new SlurmBackendOptions(options.SlurmGres, options.SlurmPartition), sandbox),
            _ => throw new ArgumentException($"backend '{options.Backend}' is not one of local, slurm", nameof(options)),
        };

        using var api = new ApiClient(serverUrl, options.ApiKey, TimeSpan.FromSeconds(30));
        var client = new HttpServerClient(api);
        var host = new AgentHost(client, backend, options.SiteYaml, options.WorkFolder, time, TimeSpan.FromSeconds(options.HeartbeatSeconds), options.Log);
        await using (host.ConfigureAwait(false))
        {
            var poll = TimeSpan.FromSeconds(options.PollSeconds > 0 ? options.PollSeconds : 1);
            try
            {
                while (true)
                {
                    await host.TickAsync(cancellationToken).ConfigureAwait(false);

                    // A batch's answer starts the next round at once, so a long output is not sent one batch per poll.
                    var delay = Task.Delay(poll, time, cancellationToken);
                    if (host._upload is { } upload)
                    {
                        await Task.WhenAny(delay, upload).ConfigureAwait(false);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    else
                    {
                        await delay.ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping the agent leaves the jobs running: the next agent adopts them from the journal.
            }
        }
    }

    /// <summary>
    /// One round: look at the runs (output, exits, time limits), then, unless the server is being
    /// given time to come back, register if needed, send the next report batch (without waiting for
    /// it), heartbeat when due, and send what the heartbeat caused. Call from one task at a time. Throws <see cref="ApiException"/>
    /// when the server refuses the registration or the API key.
    /// </summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        if (_journal is null)
        {
            _journal = await RunJournal.OpenAsync(_workFolder, cancellationToken).ConfigureAwait(false);
            await RecoverAsync(cancellationToken).ConfigureAwait(false);
        }

        await PollRunsAsync(cancellationToken).ConfigureAwait(false);
        if (_time.GetUtcNow() < _retryAt)
        {
            return;
        }

        try
        {
            if (!_registered)
            {
                await RegisterAsync(cancellationToken).ConfigureAwait(false);
            }

            // The heartbeat does not wait for reports: a batch on its way, or one the server
            // refuses, must not make the server think the site is gone.
            await PumpReportsAsync(cancellationToken).ConfigureAwait(false);
            if (_time.GetUtcNow() >= _nextHeartbeat)
            {
                await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
                await PumpReportsAsync(cancellationToken).ConfigureAwait(false);
            }

            _backoff = s_firstBackoff;
        }
        catch (ApiException ex) when (ex.IsUnavailable)
        {
            _retryAt = _time.GetUtcNow() + _backoff;
            _log(string.Create(CultureInfo.InvariantCulture, $"server unavailable, trying again in {_backoff.TotalSeconds:0.#} s ({_runs.Count} runs, {_outbox.Count} reports waiting): {ex.Message}"));
            _backoff = _backoff * 2 > s_maxBackoff ? s_maxBackoff : _backoff * 2;
        }
        catch (ApiException ex) when (_registered && ex.Status is not (401 or 403))
        {
            // A refused heartbeat is the server's problem to fix; the jobs go on meanwhile. A refused
            // registration (invalid site) or key is not, and ends the agent.
            _retryAt = _time.GetUtcNow() + s_maxBackoff;
            _log($"the server refused a call, trying again in {s_maxBackoff.TotalSeconds:0} s: {ex.Message}");
        }
        catch (StaleEpochException ex)
        {
            // The server restarted its view of this site or declared it down: register again at once.
            _registered = false;
            _log($"registration is stale, registering again: {ex.Message}");
        }
    }

    /// <summary>Closes the journal. Running jobs are left running.</summary>
    public async ValueTask DisposeAsync()
    {
        await AbandonUploadAsync().ConfigureAwait(false);
        if (_journal is not null)
        {
            await _journal.DisposeAsync().ConfigureAwait(false);
            _journal = null;
        }
    }

    // A site of CPU-core slots only: its jobs get no accelerator devices.
    private static bool CpuSlotsOnly(string siteYaml)
    {
        try
        {
            var site = NetworkReader.ParseSite(siteYaml, "site", AcceleratorCatalog.Default);
            return site.Pools.Count > 0 && site.Pools.All(p => p.Model.Vendor == "generic");
        }
        catch (InputException)
        {
            // The server judges the site at registration and says what is wrong with it.
            return false;
        }
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var registered = await _server.RegisterAsync(new AgentRegistration(_siteYaml, _backend.Name, Environment.MachineName), cancellationToken).ConfigureAwait(false);
        _siteId = registered.SiteId;
        _epoch = registered.Epoch;
        _heartbeat = registered.HeartbeatSeconds > 0 ? TimeSpan.FromSeconds(registered.HeartbeatSeconds) : _defaultHeartbeat;
        _maxRequestBytes = registered.MaxRequestBytes is > BatchEnvelopeBytes * 16 and var limit ? limit : DefaultMaxRequestBytes;
        _maxJobLogBytes = registered.MaxJobLogBytes is >= 0 and var cap ? cap : long.MaxValue;
        _uploadRetryAt = default;
        _registered = true;
        _nextHeartbeat = _time.GetUtcNow();
        _log(string.Create(CultureInfo.InvariantCulture, $"registered site {_siteId} (epoch {_epoch}, {_backend.Name} backend, heartbeat every {_heartbeat.TotalSeconds:0.#} s)"));
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var reply = await _server.HeartbeatAsync(_siteId!, new Heartbeat(_epoch, Running), cancellationToken).ConfigureAwait(false);
        _nextHeartbeat = _time.GetUtcNow() + _heartbeat;
        foreach (var stop in reply.Stop ?? [])
        {
            if (_runs.TryGetValue(new RunKey(stop.Job, stop.Fence), out var run))
            {
                await StopRunAsync(run, $"stopped by the server: {stop.Reason}", cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var assignment in reply.Assignments ?? [])
        {
            await AcceptAsync(assignment, cancellationToken).ConfigureAwait(false);
        }
    }
}
