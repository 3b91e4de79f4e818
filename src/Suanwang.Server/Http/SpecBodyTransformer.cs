using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Suanwang.Core.Jobs;
using Suanwang.Core.Schemas;
using Suanwang.Protocol.Jobs;
using Suanwang.Protocol.Market;

namespace Suanwang.Server.Http;

/// <summary>
/// Describes job-spec request bodies in the OpenAPI document: the <c>JobSpec</c> schema, written
/// from <see cref="JobSpecFields"/> (what the reader validates against), under every media type of
/// <see cref="SpecMediaTypes.All"/>, on each route marked with <see cref="SpecBodyMetadata"/>.
/// </summary>
internal sealed class SpecBodyTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The schema's name under <c>components.schemas</c>.</summary>
    public const string SchemaName = "JobSpec";

    private static readonly string s_schemaJson = JsonSchemaWriter.Write(JobSpecFields.Spec).ToJsonString();

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = OpenApiModelFactory.Parse<OpenApiSchema>(s_schemaJson, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json");
        if (schema is null || diagnostic.Errors.Count > 0)
        {
            throw new InvalidOperationException($"the job spec schema does not read as OpenAPI: {string.Join("; ", diagnostic.Errors.Select(e => e.Message))}");
        }

        document.AddComponent(SchemaName, schema);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var marker = context.Description.ActionDescriptor.EndpointMetadata.OfType<SpecBodyMetadata>().FirstOrDefault();
        if (marker is null)
        {
            return;
        }

        var spec = new OpenApiSchemaReference(SchemaName, context.Document);
        IOpenApiSchema json = spec;
        if (marker.OrQuote)
        {
            var quote = await context.GetOrCreateSchemaAsync(typeof(QuoteOrder), null, cancellationToken).ConfigureAwait(false);
            json = new OpenApiSchema { OneOf = [spec, quote] };
        }

        var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
        foreach (var type in SpecMediaTypes.All)
        {
            content[type] = new OpenApiMediaType { Schema = type == SpecMediaTypes.Json ? json : spec };
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = marker.OrQuote
                ? "A job spec as JSON or YAML (see docs/formats/job.md), or as JSON a quote to take up or a block to buy."
                : "A job spec as JSON or YAML (see docs/formats/job.md).",
            Content = content,
        };
    }
}
