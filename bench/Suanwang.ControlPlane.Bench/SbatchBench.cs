using System.Diagnostics;

namespace Suanwang.ControlPlane.Bench;

/// <summary>The reference: sbatch submissions per second into the local one-node Slurm.</summary>
internal static class SbatchBench
{
    private const string JobName = "suanwang-cpbench";
    private const double SlurmDocumented = 500;

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        if (!await HasNodeAsync())
        {
            Console.WriteLine("sbatch: sinfo shows no node; running scripts/slurm.sh");
            var (code, output) = await RunAsync("bash", [Path.Combine(Harness.RepoRoot(), "scripts", "slurm.sh")]);
            if (code != 0 || !await HasNodeAsync())
            {
                Console.WriteLine($"sbatch: skipped, Slurm did not come up: {output.Trim()}");
                report.Add("sbatch: submissions/s", "skipped (no Slurm)");
                return;
            }
        }

        string[] sbatch = ["--parsable", "--job-name", JobName, "--output=/dev/null", "--wrap", "true"];
        Console.WriteLine($"sbatch: {options.SbatchLoops} loops, warm-up {options.Warmup} s, measuring {options.Seconds} s");
        try
        {
            await DriveAsync(sbatch, options.SbatchLoops, TimeSpan.FromSeconds(options.Warmup));
            var clock = Stopwatch.StartNew();
            var (ok, failed, latencies) = await DriveAsync(sbatch, options.SbatchLoops, TimeSpan.FromSeconds(options.Seconds));
            var rate = ok / clock.Elapsed.TotalSeconds;
            latencies.Sort();
            Console.WriteLine($"sbatch: {ok} accepted in {Stats.F(clock.Elapsed.TotalSeconds, "F2")} s = {Stats.F(rate, "F0")} submissions/s; latency p50 {Stats.F(Stats.Percentile(latencies, 0.5), "F1")} ms, p99 {Stats.F(Stats.Percentile(latencies, 0.99), "F1")} ms; failures {failed}");
            Console.WriteLine($"sbatch: Slurm documents {SlurmDocumented:F0} jobs/s sustained (high-throughput guide, tuned slurmctld); this is a default one-node configuration driven by fork+exec of sbatch");
            report.Add($"sbatch: submissions/s ({options.SbatchLoops} loops)", Stats.F(rate, "F0"));
            report.Add("sbatch: latency p50 / p99", $"{Stats.F(Stats.Percentile(latencies, 0.5), "F1")} / {Stats.F(Stats.Percentile(latencies, 0.99), "F1")} ms");
            report.Add("sbatch: Slurm's documented sustained rate", $"{SlurmDocumented:F0}/s");
            report.Values["sbatch"] = rate;
            if (report.Values.TryGetValue("submit.sqlite", out var ours) && rate > 0)
            {
                Console.WriteLine($"ratio ours(sqlite)/sbatch: {Stats.F(ours / rate, "F1")}×; ours/documented 500: {Stats.F(ours / SlurmDocumented, "F1")}×");
                report.Add("ratio submit sqlite / sbatch", $"{Stats.F(ours / rate, "F1")}×");
                report.Add("ratio submit sqlite / 500 documented", $"{Stats.F(ours / SlurmDocumented, "F1")}×");
            }

            if (report.Values.TryGetValue("submit.postgres", out var pg) && rate > 0)
            {
                Console.WriteLine($"ratio ours(postgres)/sbatch: {Stats.F(pg / rate, "F1")}×");
                report.Add("ratio submit postgres / sbatch", $"{Stats.F(pg / rate, "F1")}×");
            }
        }
        finally
        {
            var (code, output) = await RunAsync("scancel", ["--name", JobName]);
            Console.WriteLine(code == 0 ? "sbatch: cancelled the bench's jobs" : $"sbatch: scancel failed: {output.Trim()}");
        }
    }

    private static async Task<bool> HasNodeAsync()
    {
        try
        {
            var (code, output) = await RunAsync("sinfo", ["-h", "-N", "-o", "%T"]);
            return code == 0 && output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Any(s => !s.Contains("down", StringComparison.Ordinal) && !s.Contains("drain", StringComparison.Ordinal));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(long Ok, long Failed, List<double> Latencies)> DriveAsync(string[] args, int loops, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var all = await Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            long ok = 0, failed = 0;
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < end)
            {
                var began = Stopwatch.GetTimestamp();
                var (code, _) = await RunAsync("sbatch", args);
                if (code == 0)
                {
                    ok++;
                    latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                }
                else
                {
                    failed++;
                }
            }

            return (ok, failed, latencies);
        })));
        return (all.Sum(a => a.ok), all.Sum(a => a.failed), all.SelectMany(a => a.latencies).ToList());
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
