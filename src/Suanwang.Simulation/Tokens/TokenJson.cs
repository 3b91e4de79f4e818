using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Suanwang.Simulation.Tokens;

/// <summary>Writes a <see cref="TokenComparison"/> as indented snake_case JSON.</summary>
public static class TokenJson
{
    private static readonly TokenJsonContext s_context = new(new JsonSerializerOptions(TokenJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    /// <summary>The comparison as JSON text, seconds rounded to the millisecond and energy to the watt-hour.</summary>
    public static string Serialize(TokenComparison comparison) =>
        JsonSerializer.Serialize(comparison with { Results = [.. comparison.Results.Select(Rounded)] }, s_context.TokenComparison);

    private static TokenPolicyResult Rounded(TokenPolicyResult r) => r with
    {
        TtftP50S = Math.Round(r.TtftP50S, 3),
        TtftP99S = Math.Round(r.TtftP99S, 3),
        E2eP50S = Math.Round(r.E2eP50S, 3),
        E2eP99S = Math.Round(r.E2eP99S, 3),
        EnergyKwh = Math.Round(r.EnergyKwh, 3),
        Co2Kg = Math.Round(r.Co2Kg, 3),
        SimulatedSeconds = Math.Round(r.SimulatedSeconds, 3),
        WallSeconds = Math.Round(r.WallSeconds, 3),
    };
}
