namespace Suanwang.Scheduling.State;

/// <summary>
/// A fixed-length array of numbers that counts its writes, so an index sorted by them (the
/// placement engine's candidate order by queue wait) knows when to sort again.
/// </summary>
public sealed class TrackedValues
{
    private readonly double[] _values;

    /// <summary>Creates <paramref name="length"/> values, all zero.</summary>
    public TrackedValues(int length) => _values = new double[length];

    /// <summary>Number of values.</summary>
    public int Length => _values.Length;

    /// <summary>Changes on every write; equal versions mean equal contents.</summary>
    public int Version { get; private set; }

    /// <summary>The value at <paramref name="index"/>; setting it bumps <see cref="Version"/>.</summary>
    public double this[int index]
    {
        get => _values[index];
        set
        {
            _values[index] = value;
            Version++;
        }
    }

    /// <summary>The values, read-only.</summary>
    public ReadOnlySpan<double> AsSpan() => _values;
}
