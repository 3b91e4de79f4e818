using System.Globalization;

namespace Suanwang.Portal.Pages;

/// <summary>Amounts the control plane hands over as invariant decimal strings.</summary>
public static class Amounts
{
    /// <summary>The amount in <paramref name="text"/>; zero when it is not one.</summary>
    public static decimal Parse(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;
}
