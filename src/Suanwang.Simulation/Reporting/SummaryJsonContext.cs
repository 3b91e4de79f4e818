using System.Text.Json.Serialization;

namespace Suanwang.Simulation.Reporting;

/// <summary>Source-generated JSON metadata for <see cref="SimulationSummary"/>: snake_case names, indented, LF line ends.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n")]
[JsonSerializable(typeof(SimulationSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
