namespace Suanwang.Core.Sites;

/// <summary>The tier of a compute site in the "core + hub + edge" node system, plus sites in orbit.</summary>
public enum SiteTier
{
    /// <summary>A national core data center.</summary>
    Core,

    /// <summary>A regional hub.</summary>
    Hub,

    /// <summary>An edge site close to users.</summary>
    Edge,

    /// <summary>A satellite with compute, reachable only during contact windows.</summary>
    Orbital,
}
