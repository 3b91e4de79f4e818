namespace Suanwang.Server.Http;

/// <summary>Marks a route whose body is a job spec, so <see cref="SpecBodyTransformer"/> describes it in OpenAPI.</summary>
/// <param name="OrQuote">True when a JSON body may instead take up a quote or buy a block (orders).</param>
internal sealed record SpecBodyMetadata(bool OrQuote);
