namespace Suanwang.Storage.Policy;

/// <summary>A filing an admin recorded for a tenant (a security assessment, a standard contract, SCCs, a notice, ...).</summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="Tenant">The tenant (exporter) it belongs to.</param>
/// <param name="Kind">Its kind, e.g. security_assessment.</param>
/// <param name="Reference">The authority's reference or the document's id.</param>
/// <param name="FiledOn">The date it was filed or granted.</param>
/// <param name="ExpiresOn">The last day it is in force; null when it does not expire.</param>
/// <param name="RecordedAt">When the admin recorded it.</param>
public sealed record FilingRecord(long Id, string Tenant, string Kind, string Reference, DateOnly FiledOn, DateOnly? ExpiresOn, DateTimeOffset RecordedAt)
{
    /// <summary>The recipient countries it covers (ISO 3166-1 alpha-2 codes); null covers any country.</summary>
    public IReadOnlyList<string>? Countries { get; init; }

    /// <summary>True when it covers a transfer to <paramref name="country"/>.</summary>
    public bool Covers(string country) => Countries is null || Countries.Contains(country);

    /// <inheritdoc />
    public bool Equals(FilingRecord? other) =>
        other is not null && Id == other.Id && Tenant == other.Tenant && Kind == other.Kind && Reference == other.Reference
        && FiledOn == other.FiledOn && ExpiresOn == other.ExpiresOn && RecordedAt == other.RecordedAt
        && (Countries is null ? other.Countries is null : other.Countries is not null && Countries.SequenceEqual(other.Countries));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Tenant, Kind, Reference, FiledOn, ExpiresOn, RecordedAt, Countries?.Count);
}
