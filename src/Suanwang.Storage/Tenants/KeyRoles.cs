namespace Suanwang.Storage.Tenants;

/// <summary>The names of <see cref="KeyRole"/> as stored and as the API shows them.</summary>
public static class KeyRoles
{
    /// <summary>The lower-case name of a role: admin, tenant, agent or provider.</summary>
    public static string Name(KeyRole role) => role switch
    {
        KeyRole.Admin => "admin",
        KeyRole.Agent => "agent",
        KeyRole.Provider => "provider",
        _ => "tenant",
    };

    /// <summary>The role with this name; throws for a name no store writes.</summary>
    public static KeyRole Parse(string name) => name switch
    {
        "admin" => KeyRole.Admin,
        "agent" => KeyRole.Agent,
        "tenant" => KeyRole.Tenant,
        "provider" => KeyRole.Provider,
        _ => throw new FormatException($"'{name}' is not a key role"),
    };
}
