namespace Suanwang.Simulation.Reporting;

/// <summary>One file of a report directory: its name and how to render it into a stream.</summary>
internal readonly record struct ReportFile(string Name, Action<Stream> Render);
