namespace Suanwang.Core.Sites;

/// <summary>
/// Grid carbon intensity of a site over time, in gCO2/kWh: a step function that repeats every
/// <see cref="PeriodSeconds"/> (a daily curve, say) or holds its last value when the period is 0.
/// </summary>
public sealed class CarbonProfile
{
    private readonly double[] _at;
    private readonly double[] _value;

    /// <summary>Creates a profile from points sorted by time; the first must be at 0.</summary>
    public CarbonProfile(IReadOnlyList<CarbonPoint> points, double periodSeconds)
    {
        if (points.Count == 0 || points[0].AtSeconds != 0)
        {
            throw new ArgumentException("a carbon profile starts with a point at 0", nameof(points));
        }

        _at = new double[points.Count];
        _value = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0 && points[i].AtSeconds <= points[i - 1].AtSeconds)
            {
                throw new ArgumentException("carbon points must be in increasing time", nameof(points));
            }

            _at[i] = points[i].AtSeconds;
            _value[i] = points[i].GramsPerKwh;
        }

        PeriodSeconds = periodSeconds;
        Points = points;
    }

    /// <summary>The points, first at 0.</summary>
    public IReadOnlyList<CarbonPoint> Points { get; }

    /// <summary>Repeat period in seconds; 0 means the profile does not repeat.</summary>
    public double PeriodSeconds { get; }

    /// <summary>A constant intensity.</summary>
    public static CarbonProfile Constant(double gramsPerKwh) => new([new CarbonPoint(0, gramsPerKwh)], 0);

    private double Integral(double from, double to)
    {
        double sum = 0;
        var t = from;
        while (t < to)
        {
            var next = Math.Min(to, NextChange(t));
            sum += At(t) * (next - t);
            t = next;
        }

        return sum;
    }

    /// <summary>The first time after <paramref name="seconds"/> at which the intensity may change; +inf for a constant profile.</summary>
    public double NextChange(double seconds)
    {
        var offset = PeriodSeconds > 0 ? Math.Floor(seconds / PeriodSeconds) * PeriodSeconds : 0;
        var t = seconds - offset;
        foreach (var at in _at)
        {
            if (at > t)
            {
                return offset + at;
            }
        }

        return PeriodSeconds > 0 ? offset + PeriodSeconds : double.PositiveInfinity;
    }

    /// <summary>Intensity at <paramref name="seconds"/> after the start of simulated or real time.</summary>
    public double At(double seconds)
    {
        var t = PeriodSeconds > 0 ? seconds % PeriodSeconds : seconds;
        if (t < 0)
        {
            t += PeriodSeconds > 0 ? PeriodSeconds : 0;
        }

        var lo = 0;
        var hi = _at.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (_at[mid] <= t)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return _value[lo];
    }

    /// <summary>Mean intensity over [<paramref name="from"/>, <paramref name="to"/>), exact for the step function.</summary>
    public double MeanOver(double from, double to)
    {
        if (to <= from || _at.Length == 1)
        {
            return At(from);
        }

        if (PeriodSeconds > 0 && to - from >= PeriodSeconds)
        {
            // Whole periods contribute the period mean; only the remainder needs integrating.
            var periods = Math.Floor((to - from) / PeriodSeconds);
            var rest = from + (periods * PeriodSeconds);
            return ((Mean() * periods * PeriodSeconds) + (Integral(rest, to))) / (to - from);
        }

        return Integral(from, to) / (to - from);
    }

    /// <summary>Mean intensity over one period (or the whole profile) weighted by duration.</summary>
    public double Mean()
    {
        if (_at.Length == 1)
        {
            return _value[0];
        }

        var end = PeriodSeconds > 0 ? PeriodSeconds : _at[^1];
        if (end <= 0)
        {
            return _value[0];
        }

        double sum = 0;
        for (var i = 0; i < _at.Length; i++)
        {
            var next = i + 1 < _at.Length ? _at[i + 1] : end;
            sum += _value[i] * Math.Max(0, next - _at[i]);
        }

        return sum / end;
    }
}
