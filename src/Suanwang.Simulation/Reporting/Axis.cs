namespace Suanwang.Simulation.Reporting;

/// <summary>One axis of a plot: its title, ticks and the mapping from data value to a 0..1 position.</summary>
internal sealed class Axis
{
    private readonly double _low;
    private readonly double _high;

    private Axis(string title, IReadOnlyList<Tick> ticks, bool isLog)
    {
        Title = title;
        Ticks = ticks;
        IsLog = isLog;
        Min = ticks[0].Value;
        Max = ticks[^1].Value;
        _low = isLog ? Math.Log(Min) : Min;
        _high = isLog ? Math.Log(Max) : Max;
        if (_high <= _low)
        {
            _high = _low + 1;
        }
    }

    /// <summary>Axis title, including the unit.</summary>
    public string Title { get; }

    /// <summary>Ticks in ascending order; the first and last are the ends of the axis.</summary>
    public IReadOnlyList<Tick> Ticks { get; }

    /// <summary>Whether positions follow the logarithm of the value.</summary>
    public bool IsLog { get; }

    /// <summary>Value at the start of the axis.</summary>
    public double Min { get; }

    /// <summary>Value at the end of the axis.</summary>
    public double Max { get; }

    /// <summary>A linear axis spanning its ticks.</summary>
    public static Axis Linear(string title, IReadOnlyList<Tick> ticks) => new(title, Checked(ticks), isLog: false);

    /// <summary>A logarithmic axis spanning its ticks, which must all be positive.</summary>
    public static Axis Log(string title, IReadOnlyList<Tick> ticks)
    {
        if (Checked(ticks)[0].Value <= 0)
        {
            throw new ArgumentException("a log axis needs positive ticks", nameof(ticks));
        }

        return new(title, ticks, isLog: true);
    }

    /// <summary>Position of <paramref name="value"/> from 0 (start) to 1 (end), clamped to the axis.</summary>
    public double Position(double value)
    {
        if (IsLog)
        {
            value = value > 0 ? Math.Log(value) : _low;
        }

        return Math.Clamp((value - _low) / (_high - _low), 0, 1);
    }

    private static IReadOnlyList<Tick> Checked(IReadOnlyList<Tick> ticks) =>
        ticks.Count >= 2 ? ticks : throw new ArgumentException("an axis needs at least two ticks", nameof(ticks));
}
