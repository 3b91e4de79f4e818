namespace Suanwang.Core.Networks;

/// <summary>
/// A periodic window when a link is up, as for a satellite passing over a ground station:
/// open for <paramref name="OpenSeconds"/> from <paramref name="OffsetSeconds"/> in every period.
/// </summary>
public sealed record ContactWindow(double PeriodSeconds, double OpenSeconds, double OffsetSeconds)
{
    /// <summary>True when the link is up at <paramref name="seconds"/>.</summary>
    public bool IsOpen(double seconds)
    {
        var phase = PositiveModulo(seconds - OffsetSeconds);
        return phase < OpenSeconds;
    }

    /// <summary>The earliest time at or after <paramref name="seconds"/> when the link is up.</summary>
    public double NextOpen(double seconds)
    {
        var phase = PositiveModulo(seconds - OffsetSeconds);
        if (phase < OpenSeconds)
        {
            return seconds;
        }

        // A pass starts a whole number of periods after the offset. Counting periods, rather than
        // adding (period - phase) to the time asked, lands on that start and not a rounding error
        // beside it, so work waiting for contact starts when the window opens. The division may
        // round up just before a pass; the check keeps that pass from being skipped.
        var next = OffsetSeconds + ((Math.Floor((seconds - OffsetSeconds) / PeriodSeconds) + 1) * PeriodSeconds);
        return next - PeriodSeconds >= seconds ? next - PeriodSeconds : next;
    }

    private double PositiveModulo(double t)
    {
        var m = t % PeriodSeconds;
        return m < 0 ? m + PeriodSeconds : m;
    }
}
