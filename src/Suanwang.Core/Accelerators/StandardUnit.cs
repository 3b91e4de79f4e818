namespace Suanwang.Core.Accelerators;

/// <summary>
/// Conversions to and from the standard unit P: 1 P·h is 1 PFLOPS of dense FP16 for one hour,
/// the unit Chinese compute platforms quote capacity in ("240P").
/// </summary>
public static class StandardUnit
{
    /// <summary>P·h delivered by <paramref name="cardHours"/> card-hours of <paramref name="model"/>.</summary>
    public static double ToPetaflopHours(double cardHours, AcceleratorModel model) => cardHours * model.Pflops;

    /// <summary>Card-hours of <paramref name="model"/> that deliver <paramref name="petaflopHours"/> P·h.</summary>
    public static double ToCardHours(double petaflopHours, AcceleratorModel model) => petaflopHours / model.Pflops;

    /// <summary>Capacity in P (PFLOPS) of <paramref name="cards"/> cards of <paramref name="model"/>.</summary>
    public static double CapacityP(int cards, AcceleratorModel model) => cards * model.Pflops;

    /// <summary>A price per card-hour expressed per P·h; exact decimal arithmetic apart from the TFLOPS figure.</summary>
    public static decimal PricePerPetaflopHour(decimal pricePerCardHour, AcceleratorModel model) =>
        decimal.Round(pricePerCardHour / (decimal)model.Pflops, 4, MidpointRounding.ToEven);

    /// <summary>Cards of <paramref name="model"/> needed for at least <paramref name="pflops"/> PFLOPS.</summary>
    public static int CardsFor(double pflops, AcceleratorModel model) => CardsFor(pflops, model.Pflops);

    /// <summary>Cards of a model delivering <paramref name="modelPflops"/> each needed for <paramref name="pflops"/>; at least one.</summary>
    public static int CardsFor(double pflops, double modelPflops) =>
        Math.Max(1, (int)Math.Ceiling((pflops / modelPflops) - 1e-9));
}
