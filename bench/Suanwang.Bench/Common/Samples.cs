namespace Suanwang.Bench.Common;

/// <summary>Repeated measurements of one figure; the machine is shared, so we report the best and the median.</summary>
public sealed class Samples
{
    private readonly List<double> _values = [];

    /// <summary>True when a larger value is better (throughput), false for times and memory.</summary>
    public Samples(bool higherIsBetter) => HigherIsBetter = higherIsBetter;

    public bool HigherIsBetter { get; }

    public int Count => _values.Count;

    public void Add(double value) => _values.Add(value);

    public double Best => Count == 0 ? double.NaN : HigherIsBetter ? _values.Max() : _values.Min();

    public double Median
    {
        get
        {
            if (Count == 0)
            {
                return double.NaN;
            }

            var sorted = _values.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }
}
