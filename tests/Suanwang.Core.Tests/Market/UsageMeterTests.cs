using Suanwang.Core.Accelerators;
using Suanwang.Core.Market;

namespace Suanwang.Core.Tests.Market;

public sealed class UsageMeterTests
{
    private static readonly AcceleratorModel H100 = Model("H100-SXM");

    private static AcceleratorModel Model(string id) =>
        AcceleratorCatalog.Default.TryGet(id, out var model) ? model : throw new ArgumentException(id);

    private static UsageInput Input(
        double seconds,
        decimal price = 20m,
        decimal rate = 1m,
        int digits = 2,
        double carbon = 500,
        decimal commission = 0.1m,
        AcceleratorModel? model = null) =>
        new(seconds, model ?? H100, price, rate, digits, carbon, commission);

    [Fact]
    public void Meter_EightCardsForAnHour_ChargesCardHoursTimesPrice()
    {
        var charge = UsageMeter.Meter(Input(8 * 3600, price: 20m));

        Assert.Equal(8.0, charge.CardHours, 12);
        Assert.Equal(16_000, charge.Charge);
        Assert.Equal(1_600, charge.Commission);
    }

    [Fact]
    public void Meter_WorkEnergyAndCo2_FollowTheModelsFigures()
    {
        // 2 card-hours of H100: 0.989 PFLOPS and 700 W per card, at 500 g/kWh.
        var charge = UsageMeter.Meter(Input(2 * 3600, carbon: 500));

        Assert.Equal(2 * 0.989, charge.PetaflopHours, 12);
        Assert.Equal(1.4, charge.Kwh, 12);
        Assert.Equal(0.7, charge.KgCo2, 12);
    }

    [Fact]
    public void Meter_PriceInAnotherCurrency_ConvertsAtTheRate()
    {
        // 1 card-hour at 3.00 USD with 7.10 CNY per USD: 21.30 CNY.
        var charge = UsageMeter.Meter(Input(3600, price: 3.00m, rate: 7.10m));

        Assert.Equal(2_130, charge.Charge);
    }

    [Fact]
    public void Meter_HalfAMinorUnit_RoundsToEven()
    {
        // 0.5 card-hours at 0.01: 0.005 rounds down to 0.00; at 0.03: 0.015 rounds up to 0.02.
        Assert.Equal(0, UsageMeter.Meter(Input(1800, price: 0.01m)).Charge);
        Assert.Equal(2, UsageMeter.Meter(Input(1800, price: 0.03m)).Charge);
    }

    [Fact]
    public void Meter_CurrencyWithoutMinorUnit_RoundsToWholeUnits()
    {
        // 1.5 card-hours at 25 JPY is 37.5 JPY: to even gives 38; 2.5 JPY-worth rounds to 2.
        Assert.Equal(38, UsageMeter.Meter(Input(5400, price: 25m, digits: 0)).Charge);
        Assert.Equal(2, UsageMeter.Meter(Input(3600, price: 2.5m, digits: 0)).Charge);
    }

    [Fact]
    public void Meter_ThreeMinorDigits_ChargesInThousandths()
    {
        var charge = UsageMeter.Meter(Input(3600, price: 1.2345m, digits: 3));

        Assert.Equal(1_234, charge.Charge);
    }

    [Fact]
    public void Meter_Commission_IsRoundedFromTheRoundedCharge()
    {
        // Charge 0.15 (15 fen) at 10 %: 1.5 fen rounds to even, 2 fen.
        var charge = UsageMeter.Meter(Input(3600, price: 0.15m, commission: 0.1m));

        Assert.Equal(15, charge.Charge);
        Assert.Equal(2, charge.Commission);
    }

    [Fact]
    public void Meter_OneSecond_ChargesTheExactFraction()
    {
        // 1 card-second at 36 per card-hour is 0.01 exactly.
        Assert.Equal(1, UsageMeter.Meter(Input(1, price: 36m)).Charge);
    }

    [Fact]
    public void Meter_NoUsage_ChargesNothing()
    {
        var charge = UsageMeter.Meter(Input(0));

        Assert.Equal(new UsageCharge(0, 0, 0, 0, 0, 0), charge);
    }

    [Theory]
    [InlineData(-1.0, 20, 1, 2, 0.1)]
    [InlineData(double.NaN, 20, 1, 2, 0.1)]
    [InlineData(double.PositiveInfinity, 20, 1, 2, 0.1)]
    [InlineData(3600.0, -1, 1, 2, 0.1)]
    [InlineData(3600.0, 20, 0, 2, 0.1)]
    [InlineData(3600.0, 20, 1, -1, 0.1)]
    [InlineData(3600.0, 20, 1, 5, 0.1)]
    [InlineData(3600.0, 20, 1, 2, 1.5)]
    [InlineData(3600.0, 20, 1, 2, -0.1)]
    public void Meter_InvalidInput_Throws(double seconds, double price, double rate, int digits, double commission)
    {
        Assert.Throws<ArgumentException>(() =>
            UsageMeter.Meter(Input(seconds, price: (decimal)price, rate: (decimal)rate, digits: digits, commission: (decimal)commission)));
    }
}
