using Suanwang.Scheduling.Tokens;

namespace Suanwang.Scheduling.Tests.Tokens;

internal static class Endpoints
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static InferenceEndpoint Make(
        string id,
        string country = "CN",
        string model = "llama-3-8b",
        int capacity = 8,
        decimal input = 1m,
        decimal output = 2m,
        double carbon = 500,
        double ttft = 0.2,
        double perToken = 0.02,
        int context = 8192) => new()
        {
            Id = id,
            SiteId = id,
            Country = country,
            ModelId = model,
            Capacity = capacity,
            InputPricePerMillion = input,
            OutputPricePerMillion = output,
            CarbonGramsPerKwh = carbon,
            TtftSeconds = ttft,
            PerTokenSeconds = perToken,
            ContextLength = context,
            Breaker = new CircuitBreaker(2, TimeSpan.FromSeconds(10)),
        };

    public static TokenRequest Request(string model = "llama-3-8b", string[]? allowed = null, ulong[]? blocks = null, int input = 1024, int output = 100) =>
        new(model, input, output, allowed, blocks ?? []);

    public static string[] Ids(RouteDecision d) => [.. d.Endpoints.Select(e => e.Id)];
}
