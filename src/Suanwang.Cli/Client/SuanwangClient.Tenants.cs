using System.Net.Http.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Tenants;

namespace Suanwang.Cli.Client;

internal sealed partial class SuanwangClient
{
    /// <summary>A tenant's abuse limits, as set or the defaults.</summary>
    public Task<TenantLimitsView> GetLimitsAsync(string tenant, CancellationToken cancellationToken) =>
        _api.SendAsync<TenantLimitsView>(HttpMethod.Get, $"api/v1/tenants/{Uri.EscapeDataString(tenant)}/limits", null, cancellationToken);

    /// <summary>Replaces a tenant's abuse limits (admin); fields left null take their defaults.</summary>
    public async Task<TenantLimitsView> SetLimitsAsync(string tenant, TenantLimitsView limits, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(limits, options: ProtocolJson.Options);
        return await _api.SendAsync<TenantLimitsView>(HttpMethod.Put, $"api/v1/tenants/{Uri.EscapeDataString(tenant)}/limits", content, cancellationToken).ConfigureAwait(false);
    }
}
