// The job sandbox's cost at start, through the local backend with real processes:
//
//   dotnet run -c Release --project bench/Suanwang.Agent.Bench -- [--starts N]
//
// Starts a job that runs `true` N times (default 100) without the sandbox and N times with it (its
// tenant's user, namespaces, control groups and limits), one at a time, and prints the median and
// 90th percentile of the time from the backend's start call until the job has exited: an upper
// bound of what the sandbox adds before the job's first instruction. Needs root for the sandbox.
using System.Diagnostics;
using System.Globalization;
using Suanwang.Agent.Backends;
using Suanwang.Agent.Sandbox;
using Suanwang.Protocol.Agents;

var starts = 100;
if (args.Length == 2 && args[0] == "--starts" && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
{
    starts = n;
}
else if (args.Length != 0)
{
    Console.Error.WriteLine("usage: Suanwang.Agent.Bench [--starts N]");
    return 2;
}

if (!OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("the local backend and its sandbox need Linux");
    return 1;
}

var root = Directory.CreateTempSubdirectory("suanwang-agent-bench-").FullName;
try
{
    // The jobs folder must be reachable by the tenant's user.
    File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    var notes = new List<string>();
    var plain = new LocalBackend(TimeProvider.System);
    var sandbox = new JobSandbox(new SandboxOptions { JobsFolder = Path.Combine(root, "jobs") }, Path.Combine(root, "agent"), notes.Add);
    var sandboxed = new LocalBackend(TimeProvider.System, sandbox: sandbox);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, {(sandbox.IsRoot ? "root" : "not root")}; {starts} starts of `true` each, one at a time, after 5 warm-up starts"));

    var without = await MeasureAsync(plain, "plain");
    var with = await MeasureAsync(sandboxed, "sandboxed");
    foreach (var note in notes)
    {
        Console.WriteLine("note: " + note);
    }

    Print("without sandbox", without);
    Print("with sandbox", with);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"added by the sandbox",-18}  median {Percentile(with, 0.5) - Percentile(without, 0.5),7:0.0} ms"));
    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

async Task<double[]> MeasureAsync(LocalBackend backend, string name)
{
    var times = new List<double>();
    for (var i = -5; i < starts; i++)
    {
        var job = new Assignment(1_000_000 + i + (name == "plain" ? 0 : 10_000), 1, "bench", "true", 1, 1, "0", null, "bench");
        var folder = Path.Combine(root, "agent", name, job.Job.ToString(CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        var run = (LocalRun)await backend.StartAsync(job, folder, CancellationToken.None);
        await run.WaitForExitAsync(CancellationToken.None);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var status = await run.PollAsync(CancellationToken.None);
        await run.Released;
        if (status.ExitCode != 0)
        {
            throw new InvalidOperationException($"the {name} job ended {status}: {await File.ReadAllTextAsync(run.OutputPath)}");
        }

        if (i >= 0)
        {
            times.Add(elapsed);
        }
    }

    return [.. times.Order()];
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];

static void Print(string name, double[] sorted) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18}  median {Percentile(sorted, 0.5),7:0.0} ms  p90 {Percentile(sorted, 0.9),7:0.0} ms  min {sorted[0],6:0.0} ms  max {sorted[^1],7:0.0} ms"));
