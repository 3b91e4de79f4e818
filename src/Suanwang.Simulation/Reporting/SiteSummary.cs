namespace Suanwang.Simulation.Reporting;

/// <summary>One site's share of the run.</summary>
/// <param name="Id">Site id.</param>
/// <param name="Cards">Cards at the site.</param>
/// <param name="Utilization">Busy card-seconds over cards x makespan.</param>
/// <param name="JobsStarted">Jobs started there (a requeued job counts each time).</param>
/// <param name="Failures">Times the site failed.</param>
/// <param name="DowntimeS">Seconds the site was down.</param>
public sealed record SiteSummary(string Id, int Cards, double Utilization, int JobsStarted, int Failures, double DowntimeS);
