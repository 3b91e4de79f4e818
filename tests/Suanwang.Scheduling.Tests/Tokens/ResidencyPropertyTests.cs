using Suanwang.Scheduling.Tokens;
using static Suanwang.Scheduling.Tests.Tokens.Endpoints;

namespace Suanwang.Scheduling.Tests.Tokens;

public class ResidencyPropertyTests
{
    private static readonly string[] s_countries = ["CN", "KZ", "US", "DE", "SG", "AE"];
    private static readonly string[] s_models = ["m1", "m2"];

    // Random networks, states and requests under every policy: no decision ever lists an endpoint
    // outside the request's allowed set, and a refusal happens only when no allowed endpoint could take it.
    [Theory]
    [InlineData(RoutingPolicy.Combined)]
    [InlineData(RoutingPolicy.RoundRobin)]
    [InlineData(RoutingPolicy.LeastLoad)]
    [InlineData(RoutingPolicy.Price)]
    [InlineData(RoutingPolicy.PrefixAffinity)]
    public void Route_NeverLeavesTheAllowedSet(RoutingPolicy policy)
    {
        var random = new Random(42 + (int)policy);
        for (var trial = 0; trial < 200; trial++)
        {
            var endpoints = Enumerable.Range(0, random.Next(1, 12)).Select(i => Make(
                $"e{i}",
                s_countries[random.Next(s_countries.Length)],
                s_models[random.Next(s_models.Length)],
                capacity: random.Next(1, 4),
                input: random.Next(1, 10),
                carbon: random.Next(10, 900),
                ttft: random.NextDouble())).ToList();
            var router = new TokenRouter(endpoints, new RouterOptions { Policy = policy, AffinityEntries = 16 });
            for (var step = 0; step < 50; step++)
            {
                var e = endpoints[random.Next(endpoints.Count)];
                switch (random.Next(4))
                {
                    case 0:
                        e.Healthy = !e.Healthy;
                        break;
                    case 1 when e.InFlight > 0:
                        router.Failed(e, T0);
                        break;
                    case 2 when e.InFlight > 0:
                        router.Completed(e, random.NextDouble(), random.NextDouble() / 10);
                        break;
                }

                var allowed = random.Next(3) == 0 ? null : s_countries.Where(_ => random.Next(3) == 0).ToArray();
                var blocks = Enumerable.Range(0, random.Next(4)).Select(_ => (ulong)random.Next(6)).ToArray();
                var request = new TokenRequest(s_models[random.Next(s_models.Length)], 100, 10, allowed, blocks);
                var d = router.Route(request, T0);
                var takers = endpoints.Where(x => x.ModelId == request.Model && (allowed is null || allowed.Contains(x.Country))
                    && x.Healthy && x.Breaker.CanSend(T0) && x.InFlight < x.Capacity).ToList();
                if (d.IsRouted)
                {
                    Assert.All(d.Endpoints, x => Assert.True(allowed is null || allowed.Contains(x.Country), $"{x.Id} in {x.Country} is outside {string.Join(",", allowed ?? [])}"));
                    Assert.Equal(takers.Select(x => x.Id).Order(), d.Endpoints.Select(x => x.Id).Order());
                    router.Dispatched(d.Endpoints[0], request, T0);
                }
                else
                {
                    Assert.Empty(takers);
                    Assert.Empty(d.Endpoints);
                }
            }
        }
    }
}
