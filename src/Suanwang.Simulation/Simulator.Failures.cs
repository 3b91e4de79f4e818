using Suanwang.Simulation.Events;

namespace Suanwang.Simulation;

/// <summary>Site failures and recoveries drawn from each site's MTBF and MTTR (exponential).</summary>
public sealed partial class Simulator
{
    private void ScheduleFirstFailures()
    {
        if (!_options.Failures)
        {
            return;
        }

        for (var s = 0; s < _network.Sites.Count; s++)
        {
            if (_network.Sites[s].Reliability is { } reliability)
            {
                _events.Push(new SimEvent(_now + Exponential(reliability.MtbfHours * 3600), EventKind.SiteFailure, s, 0));
            }
        }
    }

    private void Fail(int site)
    {
        _metrics.SiteFailed(site, _now);
        Apply(_scheduler.SiteDown(site, _now));
        var reliability = _network.Sites[site].Reliability!;
        _events.Push(new SimEvent(_now + Exponential(reliability.MttrHours * 3600), EventKind.SiteRecovery, site, 0));
    }

    private void Recover(int site)
    {
        _metrics.SiteRecovered(site, _now);
        _scheduler.SiteUp(site);
        var reliability = _network.Sites[site].Reliability!;
        _events.Push(new SimEvent(_now + Exponential(reliability.MtbfHours * 3600), EventKind.SiteFailure, site, 0));
    }

    private double Exponential(double mean) => -mean * Math.Log(1.0 - _random.NextDouble());
}
