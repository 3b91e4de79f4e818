using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;

namespace Suanwang.Core.Tests.Market;

/// <summary>A small network for market tests: three sites, two currencies, a daily carbon curve and a reserved block.</summary>
internal static class MarketNetworks
{
    public const string Yaml = """
        name: market
        currency: CNY
        exchange_rates:
          USD: 7.00
        sites:
          - id: cn-beijing
            owner: jingjin
            jurisdiction: CN
            tier: core
            carbon: 600
            pools:
              - { model: Ascend-910B, cards_per_node: 8, nodes: 4, price: 12.80, spot_price: 6.40 }
              - model: H20
                cards_per_node: 8
                nodes: 2
                price: 14.80
                spot_price: 2.96
                reserved:
                  - { cards: 8, hours: 720, price: 11.10 }
          - id: cn-tianjin-ftz
            owner: binhai
            jurisdiction: CN:tianjin-ftz
            tier: hub
            carbon:
              period_hours: 24
              points:
                - { at_hour: 0, gco2_per_kwh: 600 }
                - { at_hour: 12, gco2_per_kwh: 300 }
            pools:
              - { model: H100, cards_per_node: 8, nodes: 1, price: 20.00, spot_price: 10.00 }
          - id: sg-jurong
            owner: lion
            jurisdiction: SG
            tier: edge
            carbon: 400
            pools:
              - { model: H100, cards_per_node: 8, nodes: 2, price: 2.00, spot_price: 1.50, currency: USD }
        """;

    public static Network Parse() => NetworkReader.Parse(Yaml, "market.yaml", AcceleratorCatalog.Default);
}
