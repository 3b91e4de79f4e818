namespace Suanwang.Simulation.Reporting;

/// <summary>A value of a time series at a simulated time in seconds.</summary>
public readonly record struct SeriesPoint(double TimeS, double Value);
