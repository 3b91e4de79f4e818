namespace Suanwang.Scheduling.Tokens;

/// <summary>The names of the routing policies, as the command line and configuration spell them.</summary>
public static class RoutingPolicies
{
    /// <summary>Every policy name, in the order help text lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["combined", "round-robin", "least-load", "price", "prefix-affinity"];

    /// <summary>Parses a policy name; false for an unknown one.</summary>
    public static bool TryParse(string name, out RoutingPolicy policy)
    {
        policy = name switch
        {
            "combined" => RoutingPolicy.Combined,
            "round-robin" => RoutingPolicy.RoundRobin,
            "least-load" => RoutingPolicy.LeastLoad,
            "price" => RoutingPolicy.Price,
            "prefix-affinity" => RoutingPolicy.PrefixAffinity,
            _ => (RoutingPolicy)(-1),
        };
        return (int)policy >= 0;
    }

    /// <summary>The name of <paramref name="policy"/>.</summary>
    public static string NameOf(RoutingPolicy policy) => policy switch
    {
        RoutingPolicy.RoundRobin => "round-robin",
        RoutingPolicy.LeastLoad => "least-load",
        RoutingPolicy.Price => "price",
        RoutingPolicy.PrefixAffinity => "prefix-affinity",
        _ => "combined",
    };
}
