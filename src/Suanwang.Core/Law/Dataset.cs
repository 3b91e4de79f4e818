namespace Suanwang.Core.Law;

/// <summary>
/// A registered dataset: who owns it, where it is held, whose law binds it, its class, the personal
/// information it holds (counts and the subjects' countries only) and its usage policy.
/// </summary>
/// <param name="Id">Dataset id.</param>
/// <param name="Owner">Owner tenant id.</param>
/// <param name="Site">Site that holds it; null when it is held outside the network.</param>
/// <param name="Jurisdiction">ISO 3166-1 alpha-2 code of the country whose law governs it.</param>
/// <param name="Classification">Its class.</param>
/// <param name="AuthorityReference">The authority's notice naming it important data; required for important.</param>
/// <param name="Individuals">Individuals whose personal information it holds.</param>
/// <param name="Sensitive">Of those, individuals whose sensitive personal information it holds.</param>
/// <param name="Subjects">The subjects' countries.</param>
/// <param name="Tenants">Tenants that may use it besides the owner.</param>
/// <param name="Purposes">Purposes it may be used for; empty for any.</param>
/// <param name="ProcessingJurisdictions">Countries it may be processed in; empty for any the law allows.</param>
/// <param name="Expires">Last day it may be used; null for no end.</param>
public sealed record Dataset(
    string Id,
    string Owner,
    string? Site,
    string Jurisdiction,
    Classification Classification,
    string? AuthorityReference,
    long Individuals,
    long Sensitive,
    IReadOnlyList<string> Subjects,
    IReadOnlyList<string> Tenants,
    IReadOnlyList<string> Purposes,
    IReadOnlyList<string> ProcessingJurisdictions,
    DateOnly? Expires)
{
    /// <summary>
    /// The class a job's submitter declared for it (<c>inputs[].class</c>), or null: the decision
    /// uses the higher of it and <see cref="Classification"/>, so a declaration only ever raises the class.
    /// </summary>
    public Classification? DeclaredClass { get; init; }

    /// <summary>True when its usage policy lets <paramref name="tenant"/> use it for <paramref name="purpose"/> in <paramref name="country"/> on <paramref name="today"/>.</summary>
    public bool Permits(string tenant, string? purpose, string country, DateOnly today) =>
        (tenant == Owner || Tenants.Contains(tenant))
        && (Purposes.Count == 0 || (purpose is not null && Purposes.Contains(purpose)))
        && (ProcessingJurisdictions.Count == 0 || ProcessingJurisdictions.Contains(country))
        && (Expires is null || today <= Expires);
}
