namespace Suanwang.ControlPlane.Admission;

/// <summary>Who asks: the tenant an API key acts for, and whether it is an admin key.</summary>
/// <param name="Tenant">Tenant the key acts for.</param>
/// <param name="Admin">Whether it may act on every tenant.</param>
public sealed record Actor(string Tenant, bool Admin)
{
    /// <summary>Whether the actor may see or act on things of <paramref name="tenant"/>.</summary>
    public bool Sees(string tenant) => Admin || Tenant == tenant;
}
