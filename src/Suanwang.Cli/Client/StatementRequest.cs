namespace Suanwang.Cli.Client;

/// <summary>Whose statement and for which period; the server picks this month when no period is given.</summary>
/// <param name="Tenant">A tenant's statement; exclusive with <paramref name="Provider"/>.</param>
/// <param name="Provider">A provider's (site owner's) statement.</param>
/// <param name="Month">A month, YYYY-MM.</param>
/// <param name="From">Start of the period, ISO 8601.</param>
/// <param name="To">End of the period, ISO 8601.</param>
internal sealed record StatementRequest(string? Tenant, string? Provider, string? Month, string? From, string? To)
{
    /// <summary>The API path and query for <paramref name="format"/>.</summary>
    public string Path(string format)
    {
        var path = Tenant is not null
            ? $"api/v1/tenants/{Uri.EscapeDataString(Tenant)}/statement"
            : $"api/v1/providers/{Uri.EscapeDataString(Provider!)}/statement";
        var query = new List<string> { $"format={format}" };
        if (Month is not null)
        {
            query.Add($"month={Uri.EscapeDataString(Month)}");
        }

        if (From is not null)
        {
            query.Add($"from={Uri.EscapeDataString(From)}");
        }

        if (To is not null)
        {
            query.Add($"to={Uri.EscapeDataString(To)}");
        }

        return path + "?" + string.Join('&', query);
    }
}
