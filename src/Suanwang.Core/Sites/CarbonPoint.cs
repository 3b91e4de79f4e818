namespace Suanwang.Core.Sites;

/// <summary>Carbon intensity from <paramref name="AtSeconds"/> (into the profile's period) until the next point.</summary>
public readonly record struct CarbonPoint(double AtSeconds, double GramsPerKwh);
