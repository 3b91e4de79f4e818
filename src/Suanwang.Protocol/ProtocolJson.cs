using System.Text.Json;
using System.Text.Json.Serialization;

namespace Suanwang.Protocol;

/// <summary>The JSON conventions of the REST API and the agent protocol: snake_case names, nulls omitted.</summary>
public static class ProtocolJson
{
    /// <summary>Serializer options shared by the server, the agent and the CLI.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
