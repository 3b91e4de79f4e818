using System.Text.Json.Serialization;

namespace Suanwang.Simulation.Tokens;

/// <summary>Source-generated JSON metadata for <see cref="TokenComparison"/>: snake_case names, indented, LF line ends.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n")]
[JsonSerializable(typeof(TokenComparison))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;
