// Control-plane figures for the Suanwang server, measured end to end through its HTTP API:
//
//   dotnet run -c Release --project bench/Suanwang.ControlPlane.Bench -- <submit|ratelimit|sbatch|pass|quote|up|all> [options]
//
//   --seconds N     measured time of each load phase (default 10), after --warmup N seconds (default 2)
//   --loops N       concurrent HTTP client loops for submit and ratelimit (default 48)
//   --rounds N      ratelimit: pairs of submit runs, with and without the rate limiter, alternating (default 3)
//   --sbatch-loops N  concurrent sbatch loops (default 4)
//   --jobs N        queued jobs for pass (default 10000), load jobs for quote (default 3000)
//   --sites N       registered sites for pass (default 100) and quote (default 1000)
//   --quotes N      sequential quotes measured by quote, after the warm-up (default 2000)
//   --order-loops N concurrent order loops in quote (default 16; they run for --seconds)
//   --postgres CS   also run submit against PostgreSQL; without it scripts/postgres.sh is asked
//                   for a server (pass --no-postgres to skip)
//
// The load generator runs in the same process as the server and shares its cores.
using Suanwang.Benchmarks;
using System.Globalization;
using Suanwang.ControlPlane.Bench;

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Suanwang.ControlPlane.Bench <submit|ratelimit|sbatch|pass|quote|up|all> [--seconds N] [--warmup N] [--loops N] [--rounds N] [--sbatch-loops N] [--jobs N] [--sites N] [--quotes N] [--order-loops N] [--postgres CS | --no-postgres]");
    return 2;
}

var report = new Report();
Console.WriteLine(Machine.Describe());
Console.WriteLine();

var command = options.Command;
if (command is "submit" or "all")
{
    await SubmitBench.RunAsync(options, report);
}

if (command is "ratelimit" or "all")
{
    await RateLimitBench.RunAsync(options, report);
}

if (command is "sbatch" or "all")
{
    await SbatchBench.RunAsync(options, report);
}

if (command is "pass" or "all")
{
    await PassBench.RunAsync(options, report);
}

if (command is "quote" or "all")
{
    await QuoteBench.RunAsync(options, report);
}

if (command is "up" or "all")
{
    await UpBench.RunAsync(report);
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average at the end: {Machine.LoadAverage()}"));
Console.WriteLine();
Console.WriteLine(report.Markdown());
return 0;
