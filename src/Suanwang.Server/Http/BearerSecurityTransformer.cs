using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Suanwang.Server.Http;

/// <summary>Declares in the OpenAPI document that the API wants <c>Authorization: Bearer KEY</c>.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    private const string Scheme = "ApiKey";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key: admin or tenant (POST /api/v1/tenants/{id}/keys, or the bootstrap admin key), or a site's agent key (POST /api/v1/sites/{id}/keys).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] });
        return Task.CompletedTask;
    }
}
