namespace Suanwang.Agent.Sandbox;

/// <summary>A Unix account a tenant's jobs run as.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Uid">The user id.</param>
/// <param name="Gid">The user's primary group id.</param>
public sealed record UnixUser(string Name, int Uid, int Gid);
