using Suanwang.Core.Accelerators;
using Suanwang.Simulation.Tokens;

namespace Suanwang.Simulation.Tests.Tokens;

public class EndpointHardwareTests
{
    private static readonly ServedModel s_model = ServedModel.Llama8B;

    private static AcceleratorModel Card(string id) =>
        AcceleratorCatalog.Default.TryGet(id, out var model) ? model : throw new ArgumentException($"no {id} in the catalog", nameof(id));

    [Fact]
    public void H100_PrefillAndDecode_FollowTheFormulas()
    {
        var hw = new EndpointHardware(Card("H100-SXM"), 1, s_model);
        var flops = 989e12;
        Assert.Equal(2 * 8.03e9 / (0.4 * flops), hw.PrefillSecondsPerToken, 15);
        Assert.Equal(2 * 8.03e9 / (flops / 200), hw.DecodeStepSeconds(1), 12);
        Assert.Equal(hw.DecodeStepSeconds(1), hw.DecodeStepSeconds(64), 12);
        Assert.Equal(300 * 2 * 8.03e9 / (0.4 * flops), hw.DecodeStepSeconds(300), 12);
    }

    [Fact]
    public void TwoCards_HalveTheTimes()
    {
        var one = new EndpointHardware(Card("A100-80GB"), 1, s_model);
        var two = new EndpointHardware(Card("A100-80GB"), 2, s_model);
        Assert.Equal(one.PrefillSecondsPerToken / 2, two.PrefillSecondsPerToken, 15);
        Assert.Equal(one.DecodeStepSeconds(1) / 2, two.DecodeStepSeconds(1), 15);
    }

    [Theory]
    [InlineData("H100-SXM", 1)]
    [InlineData("A10", 1)]
    [InlineData("T4", 2)]
    [InlineData("P100", 2)]
    public void CardsFor_IsTheSmallestPowerOfTwoThatHoldsTheWeights(string card, int cards)
    {
        Assert.Equal(cards, EndpointHardware.CardsFor(Card(card), s_model));
    }

    [Fact]
    public void CardsFor_ModelTooLargeFor64Cards_IsZero()
    {
        Assert.Equal(0, EndpointHardware.CardsFor(Card("CPU-core"), s_model with { ParametersBillions = 1000 }));
    }

    [Fact]
    public void BatchSlots_FollowTheKvMemory()
    {
        var h100 = new EndpointHardware(Card("H100-SXM"), 1, s_model);
        var kv = (80 * 0.9 * (1L << 30)) - (2 * 8.03e9);
        Assert.Equal((int)Math.Floor(kv / 2 / (131072 * 4096.0)), h100.BatchSlots);
        Assert.Equal((int)Math.Floor(kv / 2 / (131072 * 512.0)), h100.PrefixCacheBlocks);
    }
}
