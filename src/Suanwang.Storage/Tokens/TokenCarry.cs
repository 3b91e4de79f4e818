namespace Suanwang.Storage.Tokens;

/// <summary>What a tenant owes for one model at one owner's sites that is not yet in a posting.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Model">The model.</param>
/// <param name="Owner">The owner of the sites that served it.</param>
/// <param name="Currency">The base currency.</param>
/// <param name="Nanos">1e-9 of the currency's major unit; below one minor unit unless the wallet ran short.</param>
public sealed record TokenCarry(string Tenant, string Model, string Owner, string Currency, long Nanos);
