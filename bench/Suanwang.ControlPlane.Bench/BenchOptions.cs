using System.Globalization;

namespace Suanwang.ControlPlane.Bench;

/// <summary>Command-line options.</summary>
internal sealed record BenchOptions(
    string Command,
    double Seconds,
    double Warmup,
    int Loops,
    int SbatchLoops,
    int? Jobs,
    int? Sites,
    int Quotes,
    int OrderLoops,
    string? Postgres,
    bool NoPostgres,
    int Rounds = 3)
{
    /// <summary>Queued jobs for pass (default 10,000) or the load under quote (default 3,000).</summary>
    public int JobsOr(int fallback) => Jobs ?? fallback;

    /// <summary>Registered sites: 100 for pass, 1,000 for quote unless <c>--sites</c> says.</summary>
    public int SitesOr(int fallback) => Sites ?? fallback;

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("submit" or "ratelimit" or "sbatch" or "pass" or "quote" or "up" or "all"))
        {
            return null;
        }

        var o = new BenchOptions(args[0], 10, 2, 48, 4, null, null, 2_000, 16, Environment.GetEnvironmentVariable("SUANWANG_TEST_POSTGRES"), false);
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seconds": o = o with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--warmup": o = o with { Warmup = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--loops": o = o with { Loops = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--sbatch-loops": o = o with { SbatchLoops = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--jobs": o = o with { Jobs = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--sites": o = o with { Sites = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--quotes": o = o with { Quotes = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--order-loops": o = o with { OrderLoops = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--postgres": o = o with { Postgres = Next() }; break;
                case "--no-postgres": o = o with { NoPostgres = true }; break;
                case "--rounds": o = o with { Rounds = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return null;
            }
        }

        return o;
    }
}
