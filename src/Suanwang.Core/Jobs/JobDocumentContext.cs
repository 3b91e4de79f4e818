using System.Text.Json.Serialization;

namespace Suanwang.Core.Jobs;

/// <summary>The source-generated serializer of <see cref="JobDocument"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(JobSpec))]
internal sealed partial class JobDocumentContext : JsonSerializerContext;
