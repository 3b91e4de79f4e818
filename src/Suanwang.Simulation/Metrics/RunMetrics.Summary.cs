using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Metrics;

/// <summary>Turning the measurements into the run's summary and series.</summary>
internal sealed partial class RunMetrics
{
    public SimulationResult Finish(RunInfo info)
    {
        var n = _workload.Requests.Length;
        var jct = new double[_completedCount];
        var wait = new double[_completedCount];
        var tenantCount = _workload.Tenants.Count;
        var tenantSum = new double[tenantCount];
        var tenantJobs = new int[tenantCount];
        double aloneSum = 0;
        var aloneJobs = 0;
        double lastAlone = _origin;
        double work = 0;
        var k = 0;
        for (var j = 0; j < n; j++)
        {
            var request = _workload.Requests[j];
            if (!double.IsPositiveInfinity(_workload.AloneSeconds[j]))
            {
                aloneSum += _workload.AloneSeconds[j];
                aloneJobs++;
                lastAlone = Math.Max(lastAlone, request.SubmitTime + _workload.AloneSeconds[j]);
                work += _workload.WorkPflopSeconds[j];
            }

            if (!_completed[j])
            {
                continue;
            }

            jct[k] = _end[j] - request.SubmitTime;
            wait[k] = _start[j] - request.SubmitTime;
            k++;
            tenantSum[request.Tenant] += jct[k - 1] > 0 ? _workload.AloneSeconds[j] / jct[k - 1] : 1;
            tenantJobs[request.Tenant]++;
        }

        Array.Sort(jct);
        Array.Sort(wait);
        var makespan = _lastEnd - _origin;
        double capacityP = 0;
        for (var p = 0; p < _state.PoolCount; p++)
        {
            capacityP += _state.PoolTotalCards[p] * _state.PoolTflops[p] / 1000.0;
        }

        var progress = new List<double>(tenantCount);
        for (var t = 0; t < tenantCount; t++)
        {
            if (tenantJobs[t] > 0)
            {
                progress.Add(tenantSum[t] / tenantJobs[t]);
            }
        }

        double busy = 0;
        var sites = new List<SiteSummary>(_state.SiteCount);
        for (var s = 0; s < _state.SiteCount; s++)
        {
            busy += _siteBusy[s];
            var cards = _state.Network.Sites[s].Cards;
            sites.Add(new SiteSummary(
                _state.Network.Sites[s].Id,
                cards,
                makespan > 0 && cards > 0 ? _siteBusy[s] / (cards * makespan) : 0,
                _siteStarts[s],
                _siteFailures[s],
                _siteDowntime[s]));
        }

        var summary = new SimulationSummary
        {
            Network = info.Network,
            Trace = info.Trace,
            Policy = info.Options.Policy,
            Objective = info.Options.Objective,
            Packer = info.Options.Packer,
            Seed = info.Options.Seed,
            Jobs = new JobCounts(n, _completedCount, _rejected, _preemptions, _requeued),
            Jct = Distribution.Of(jct),
            Wait = Distribution.Of(wait),
            MakespanS = makespan,
            Utilization = makespan > 0 && _state.TotalCards > 0 ? busy / (_state.TotalCards * makespan) : 0,
            Cost = decimal.Round(_cost, 2),
            Currency = _state.Network.Currency,
            EnergyKwh = _energyKwh,
            Co2Kg = _co2Kg,
            JainFairness = JainIndex.Of(progress.ToArray()),
            LowerBound = new LowerBound(
                aloneJobs > 0 ? aloneSum / aloneJobs : 0,
                Math.Max(capacityP > 0 ? work / capacityP : 0, lastAlone - _origin)),
            Sites = sites,
            Events = info.Events,
            WallSeconds = info.WallSeconds,
        };
        return new SimulationResult(summary, jct, _utilization, _queue);
    }
}
