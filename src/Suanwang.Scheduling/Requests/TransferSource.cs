namespace Suanwang.Scheduling.Requests;

/// <summary>Input data a job pulls from one site before it starts.</summary>
/// <param name="Site">Index of the site holding the data, or -1 for data from outside the network.</param>
/// <param name="SizeGB">Gigabytes to move.</param>
public readonly record struct TransferSource(int Site, double SizeGB);
