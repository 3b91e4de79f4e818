using Suanwang.Core.Accelerators;

namespace Suanwang.Core.Tests.Accelerators;

public sealed class StandardUnitTests
{
    private static AcceleratorModel Model(string id) =>
        AcceleratorCatalog.Default.TryGet(id, out var model) ? model : throw new InvalidOperationException(id);

    [Fact]
    public void ToPetaflopHours_OneH100CardHour_Is0989()
    {
        Assert.Equal(0.989, StandardUnit.ToPetaflopHours(1, Model("H100-SXM")), 12);
    }

    [Fact]
    public void ToPetaflopHours_EightA100CardsForTenHours_Is2496()
    {
        Assert.Equal(24.96, StandardUnit.ToPetaflopHours(80, Model("A100-80GB")), 12);
    }

    [Theory]
    [InlineData("H100-SXM", 1)]
    [InlineData("A100-40GB", 37.5)]
    [InlineData("Ascend-910B", 1000)]
    [InlineData("P100", 0.25)]
    public void CardHours_RoundTripThroughPetaflopHours_IsUnchanged(string id, double cardHours)
    {
        var model = Model(id);

        var back = StandardUnit.ToCardHours(StandardUnit.ToPetaflopHours(cardHours, model), model);

        Assert.Equal(cardHours, back, 9);
    }

    [Fact]
    public void ToCardHours_OnePetaflopHourOnH100_IsReciprocalOf0989()
    {
        Assert.Equal(1 / 0.989, StandardUnit.ToCardHours(1, Model("H100-SXM")), 12);
    }

    [Fact]
    public void CapacityP_EightH100Cards_Is7912()
    {
        Assert.Equal(7.912, StandardUnit.CapacityP(8, Model("H100-SXM")), 12);
    }

    [Theory]
    [InlineData("H100-SXM", "20", "20.2224")]
    [InlineData("A100-80GB", "10", "32.0513")]
    [InlineData("Ascend-910B", "8", "25.0000")]
    [InlineData("H100-SXM", "0", "0")]
    public void PricePerPetaflopHour_DividesByPflopsAndRoundsToFourPlaces(string id, string perCardHour, string expected)
    {
        var price = StandardUnit.PricePerPetaflopHour(decimal.Parse(perCardHour, System.Globalization.CultureInfo.InvariantCulture), Model(id));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), price);
    }

    [Fact]
    public void CardsFor_ExactMultiplesOfEveryModel_DoNotRoundUp()
    {
        foreach (var model in AcceleratorCatalog.Default.Models)
        {
            for (var cards = 1; cards <= 64; cards++)
            {
                Assert.Equal(cards, StandardUnit.CardsFor(cards * model.Pflops, model));
            }
        }
    }

    [Theory]
    [InlineData(2.0, 3)]
    [InlineData(0.99, 2)]
    [InlineData(0.5, 1)]
    [InlineData(7.913, 9)]
    public void CardsFor_BetweenMultiples_RoundsUp(double pflops, int cards)
    {
        Assert.Equal(cards, StandardUnit.CardsFor(pflops, Model("H100-SXM")));
    }

    [Fact]
    public void CardsFor_TinyAmount_IsOneCard()
    {
        Assert.Equal(1, StandardUnit.CardsFor(0.0001, Model("T4")));
    }
}
