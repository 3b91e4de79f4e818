using System.Net;
using System.Net.Http.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Tenants;

namespace Suanwang.EndToEnd.Tests.Support;

internal sealed partial class Api
{
    public async Task CreateTenantAsync(string id)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("/api/v1/tenants", UriKind.Relative), new NewTenant(id), ProtocolJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
