namespace Suanwang.Storage.Tenants;

/// <summary>What an API key may do.</summary>
public enum KeyRole
{
    /// <summary>Acts for its tenant only: jobs, quotes, orders, its wallet and statements.</summary>
    Tenant,

    /// <summary>Acts on every tenant, site and key.</summary>
    Admin,

    /// <summary>Registers, heartbeats and reports for one site only, and does nothing else.</summary>
    Agent,

    /// <summary>Reads one provider's statement and sites only, and does nothing else.</summary>
    Provider,
}
