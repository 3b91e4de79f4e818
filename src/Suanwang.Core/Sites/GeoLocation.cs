namespace Suanwang.Core.Sites;

/// <summary>A point on Earth in degrees; for an orbital site, the ground point it was registered over.</summary>
public readonly record struct GeoLocation(double Latitude, double Longitude);
