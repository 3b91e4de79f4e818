namespace Suanwang.Core.Sites;

/// <summary>How often a site fails and how long it stays down, for the simulator's failure model.</summary>
/// <param name="MtbfHours">Mean time between failures, in hours.</param>
/// <param name="MttrHours">Mean time to repair, in hours.</param>
public sealed record Reliability(double MtbfHours, double MttrHours);
