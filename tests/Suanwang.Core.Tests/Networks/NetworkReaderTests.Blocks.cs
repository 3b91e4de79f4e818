using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Networks;

// Reserved blocks on pools.
public sealed partial class NetworkReaderTests
{
    // Each line of the block list is indented under its pool's "reserved:" key.
    private static string WithBlocks(string reserved) => $$"""
        name: n
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - model: H100
                cards_per_node: 8
                nodes: 2
                price: 20
                spot_price: 8
                reserved:
        {{string.Join("\n", reserved.Split('\n').Select(l => "          " + l.Trim()))}}
        """;

    [Fact]
    public void Parse_ReservedBlocks_AreReadInOrder()
    {
        var network = Parse(WithBlocks("""
            - { cards: 8, hours: 720, price: 16.50 }
            - { cards: 16, hours: 8784, price: 20 }
            """));

        var pool = network.Sites[0].Pools[0];
        Assert.Equal([new ReservedBlock(8, 720, 16.50m), new ReservedBlock(16, 8784, 20m)], pool.Blocks);
        Assert.Equal(8 * 720 * 16.50m, pool.Blocks[0].Total);
    }

    [Fact]
    public void Parse_PoolWithoutReserved_HasNoBlocks()
    {
        Assert.All(Parse(Valid).Sites.SelectMany(s => s.Pools), p => Assert.Empty(p.Blocks));
    }

    [Fact]
    public void Parse_BlockPricierThanOnDemand_NamesTheBlocksPrice()
    {
        var yaml = WithBlocks("""
            - { cards: 8, hours: 720, price: 16 }
            - { cards: 8, hours: 24, price: 20.01 }
            """);

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "price: 20.01"), "sites[0].pools[0].reserved[1].price", "may not cost more per card-hour than the on-demand price 20");
    }

    [Fact]
    public void Parse_BlockLargerThanThePool_NamesTheCards()
    {
        var yaml = WithBlocks("""
            - { cards: 17, hours: 720, price: 16 }
            """);

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "cards: 17"), "sites[0].pools[0].reserved[0].cards", "larger than the pool's 16 cards");
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("8785")]
    public void Parse_BlockHoursOutOfRange_NamesTheHours(string hours)
    {
        var yaml = WithBlocks($$"""
            - { cards: 8, hours: {{hours}}, price: 16 }
            """);

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "hours: "), "sites[0].pools[0].reserved[0].hours", "out of range [1, 8784]");
    }

    [Fact]
    public void Parse_BlockWithUnknownField_NamesIt()
    {
        var yaml = WithBlocks("""
            - { cards: 8, hours: 720, price: 16, term: monthly }
            """);

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "term: monthly"), "sites[0].pools[0].reserved[0].term", "unknown field");
    }

    [Fact]
    public void Parse_BlockWithoutPrice_SaysItIsMissing()
    {
        var yaml = WithBlocks("""
            - { cards: 8, hours: 720 }
            """);

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "hours: 720"), "sites[0].pools[0].reserved[0].price", "required field is missing");
    }

    [Fact]
    public void Parse_ReservedNotAList_IsRejected()
    {
        var yaml = WithBlocks("""
            cards: 8
            """);

        Assert.Equal("sites[0].pools[0].reserved", ErrorOf(yaml).Field);
    }
}
