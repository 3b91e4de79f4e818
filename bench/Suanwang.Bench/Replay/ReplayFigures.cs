using System.Globalization;

namespace Suanwang.Bench.Replay;

/// <summary>
/// What one simulation run in a child process measured; travels from child to parent as one
/// line of <c>key=value</c> pairs after <see cref="Marker"/>.
/// </summary>
/// <param name="ReadSeconds">Reading (or generating) the network and the trace.</param>
/// <param name="SimulateSeconds">Building the simulator (compiling the workload) and running it.</param>
/// <param name="CpuSeconds">CPU time the child used in all (every thread, start-up included): on a shared machine, the figure other work does not inflate.</param>
/// <param name="PeakBytes">The child's peak working set (VmHWM): everything the process ever held in RAM at once, runtime included.</param>
/// <param name="Events">Simulator events processed.</param>
/// <param name="Jobs">Jobs in the trace.</param>
/// <param name="Completed">Jobs that ran to the end.</param>
/// <param name="ArrivalUtilization">Mean share of cards busy from the first to the last arrival.</param>
/// <param name="Utilization">Busy card-seconds over all cards x makespan (the summary's figure).</param>
/// <param name="PeakQueue">Most jobs waiting at any sample: small when the network keeps up with arrivals.</param>
public sealed record ReplayFigures(
    double ReadSeconds,
    double SimulateSeconds,
    double CpuSeconds,
    long PeakBytes,
    long Events,
    int Jobs,
    int Completed,
    double ArrivalUtilization,
    double Utilization,
    double PeakQueue)
{
    public const string Marker = "RESULT";

    public double TotalSeconds => ReadSeconds + SimulateSeconds;

    public double EventsPerSecond => Events / SimulateSeconds;

    public string ToLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Marker} read={ReadSeconds:R} simulate={SimulateSeconds:R} cpu={CpuSeconds:R} peak={PeakBytes} events={Events} jobs={Jobs} completed={Completed} arrival_util={ArrivalUtilization:R} util={Utilization:R} peak_queue={PeakQueue:R}");

    /// <summary>Parses the line <see cref="ToLine"/> wrote; null when <paramref name="line"/> is not one.</summary>
    public static ReplayFigures? TryParse(string line)
    {
        if (!line.StartsWith(Marker + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = line[(Marker.Length + 1)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        double D(string key) => double.Parse(fields[key], CultureInfo.InvariantCulture);
        long L(string key) => long.Parse(fields[key], CultureInfo.InvariantCulture);
        return new ReplayFigures(D("read"), D("simulate"), D("cpu"), L("peak"), L("events"), (int)L("jobs"), (int)L("completed"), D("arrival_util"), D("util"), D("peak_queue"));
    }
}
