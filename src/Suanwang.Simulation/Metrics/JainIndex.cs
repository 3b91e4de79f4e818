namespace Suanwang.Simulation.Metrics;

/// <summary>Jain's fairness index (Jain, Chiu and Hawe, 1984): (sum x)^2 / (n sum x^2); 1 when all equal, 1/n at worst.</summary>
public static class JainIndex
{
    /// <summary>The index of <paramref name="values"/>; 1 for an empty or all-zero set.</summary>
    public static double Of(ReadOnlySpan<double> values)
    {
        double sum = 0;
        double squares = 0;
        foreach (var x in values)
        {
            sum += x;
            squares += x * x;
        }

        return squares == 0 ? 1 : sum * sum / (values.Length * squares);
    }
}
