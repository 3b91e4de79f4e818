using System.Diagnostics;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Policy;
using Suanwang.Core.Jobs;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// One pass of the scheduler loop: read sites, active jobs (with the documents of jobs not seen
/// before) and the reserved blocks in force, bring
/// <see cref="LiveScheduler"/> in step, run the engine, then write its decisions. A placement is
/// recorded with its nodes and devices (PlaceAsync, which writes the store's "placed" event; then
/// the "dispatched" event for the history) before any agent can see it: heartbeats hand out only
/// placed jobs whose devices are recorded.
/// Every use of the live scheduler holds the gate's lock, so quotes read it between changes.
/// A placement that takes a job's datasets out of their country is decided by the data law as it
/// is committed (<see cref="DataLaw.PlacementExportsAsync"/>) and counted by the store with it.
/// </summary>
public sealed class SchedulerPass(
    IStore store, LiveScheduler live, IOptions<DispatchOptions> dispatch, TimeProvider time, ClusterSnapshot snapshot, LiveSchedulerGate gate, DataLaw? law = null)
{
    /// <summary>Runs the pass.</summary>
    public async Task<PassStats> RunAsync(CancellationToken cancellationToken)
    {
        var began = Stopwatch.GetTimestamp();
        var sites = await store.ListSitesAsync(cancellationToken).ConfigureAwait(false);
        long specsThrough;
        lock (gate.Lock)
        {
            specsThrough = live.SpecsThrough;
        }

        // Documents only of jobs the scheduler has not seen: reading 10,000 of them would double a pass.
        var active = await store.ListActiveJobsAsync(specsThrough, cancellationToken).ConfigureAwait(false);
        List<long> lacking;
        lock (gate.Lock)
        {
            lacking = live.LackingSpecs(active);
        }

        foreach (var id in lacking)
        {
            // Committed after a later id was read (PostgreSQL assigns ids before commit).
            if (await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false) is { } job)
            {
                lock (gate.Lock)
                {
                    live.Remember(job);
                }
            }
        }

        if (dispatch.Value.QueuePolicy.StartsWith("fair-share", StringComparison.OrdinalIgnoreCase))
        {
            var tenants = await store.ListTenantsAsync(cancellationToken).ConfigureAwait(false);
            lock (gate.Lock)
            {
                live.SetTenants(tenants);
            }
        }

        var at = time.GetUtcNow();
        var now = at.ToUnixTimeMilliseconds() / 1000.0;
        var blocks = await store.ListActiveBlocksAsync(at, cancellationToken).ConfigureAwait(false);
        var limits = await store.ListTenantLimitsAsync(cancellationToken).ConfigureAwait(false);
        var computeBegan = Stopwatch.GetTimestamp();
        PassPlan plan;
        lock (gate.Lock)
        {
            gate.Attach(live);
            live.Sync(sites, active, now);
            live.SetBlocks(blocks);
            live.SetLimits(limits);
            plan = live.Cycle(now);
        }

        var compute = Stopwatch.GetElapsedTime(computeBegan);

        var requeued = 0;
        foreach (var (jobId, fence, seconds, reason) in plan.Requeues)
        {
            // The store writes the "preempted" event with the requeue.
            if (await store.RequeueAsync(jobId, fence, seconds, reason, at, cancellationToken).ConfigureAwait(false))
            {
                requeued++;
            }
        }

        foreach (var (jobId, fence, message) in plan.Resumes)
        {
            await store.ResumeAsync(jobId, fence, message, at, cancellationToken).ConfigureAwait(false);
        }

        var started = 0;
        foreach (var (jobId, fence, devices) in plan.Devices)
        {
            await store.RecordDevicesAsync(jobId, fence, devices, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (planned, fence) in plan.Starts)
        {
            if (await LawfulAsync(planned, at, cancellationToken).ConfigureAwait(false) is not { } placement)
            {
                continue;
            }

            if (await store.PlaceAsync(placement, fence, at, cancellationToken).ConfigureAwait(false))
            {
                started++;
                lock (gate.Lock)
                {
                    live.Placed(placement.JobId);
                }

                var note = PlacementNote.Format(placement.Site, placement.Pool, placement.Nodes, placement.CardsPerNode, placement.Devices, fence + 1);
                await store.AppendEventAsync(placement.JobId, PlacementNote.Kind, note, at, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                lock (gate.Lock)
                {
                    live.Abandon(placement.JobId);
                }
            }
        }

        foreach (var (jobId, kind, message) in plan.Events)
        {
            await store.AppendEventAsync(jobId, kind, message, at, cancellationToken).ConfigureAwait(false);
        }

        lock (gate.Lock)
        {
            snapshot.Publish(live.FreeCards(), live.Waiting, live.Running);
        }

        return new PassStats(active.Count, started, requeued, compute, Stopwatch.GetElapsedTime(began));
    }

    // The placement with the exports it makes, or null when the data law denies it now: the job is
    // then kept from that country and the denial is in its history.
    private async Task<Placement?> LawfulAsync(Placement placement, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (law is null)
        {
            return placement;
        }

        JobSpec? spec;
        string? country;
        lock (gate.Lock)
        {
            spec = live.SpecOf(placement.JobId);
            country = live.CountryOf(placement.Site);
        }

        if (spec?.Datasets is not { Count: > 0 } datasets || country is null)
        {
            return placement;
        }

        var verdict = await law.PlacementExportsAsync(placement.JobId, spec.Tenant, datasets, country, cancellationToken).ConfigureAwait(false);
        if (verdict.Allowed)
        {
            return placement with { Exports = verdict.Exports, CounterBefore = verdict.CounterBefore };
        }

        lock (gate.Lock)
        {
            live.Forbid(placement.JobId, country, verdict.Denial!);
        }

        await store.AppendEventAsync(placement.JobId, "denied", $"not placed at site {placement.Site}: {verdict.Denial}", at, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
