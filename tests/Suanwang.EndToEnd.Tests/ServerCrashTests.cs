using System.Collections.Concurrent;
using System.Globalization;
using Suanwang.EndToEnd.Tests.Support;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests;

/// <summary><c>suanwang up</c> killed with SIGKILL while jobs are submitted and running, then started again on its data folder.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServerCrashTests : IDisposable
{
    private const int Jobs = 200;

    // 32 CPU-core slots: the embedded agent heartbeats every 5 s, so the slots bound how fast 200 jobs drain.
    private const int Slots = 32;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task KilledServer_LosesNoAcceptedJob_AndRunsNoJobTwice()
    {
        var data = _folder.Combine("data");
        var runs = _folder.Combine("runs.txt");
        // Jobs run as the admin tenant's user: the file they append to must be open to them and in
        // their sight (a jobs folder under the temp folder leaves /tmp shared with them).
        var jobs = _folder.Combine("jobs");
        File.SetUnixFileMode(_folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        await File.WriteAllTextAsync(runs, "");
        File.SetUnixFileMode(runs, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        var spec = $"""
            name: append
            tenant: admin
            run: 'echo $SUANWANG_JOB_ID >> {runs}'
            resources:
              accelerators: [CPU-core]
              cards: 1
            estimated_runtime: 1m
            """;
        var acknowledged = new ConcurrentBag<long>();

        using (var first = await UpProcess.StartAsync(data, Slots, "--jobs", jobs))
        {
            using var api = new Api(first.Url, first.Key, TimeSpan.FromSeconds(10));
            var next = 0;
            async Task SubmitLoopAsync()
            {
                while (Interlocked.Increment(ref next) <= Jobs)
                {
                    try
                    {
                        acknowledged.Add(await api.SubmitAsync(spec));
                    }
                    catch (HttpRequestException)
                    {
                        return; // The server is gone: this submission was never acknowledged.
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }

                    await Task.Delay(100);
                }
            }

            var submitters = Enumerable.Range(0, 4).Select(_ => Task.Run(SubmitLoopAsync)).ToArray();

            // Kill once jobs are running while others are still being submitted.
            await Eventually.TrueAsync(
                () => RunLines(runs).Length > 0 || submitters.All(t => t.IsCompleted),
                "the first job runs",
                seconds: 60);
            await first.KillAsync();
            await Task.WhenAll(submitters);
        }

        Assert.NotEmpty(acknowledged);
        using var second = await UpProcess.StartAsync(data, Slots, "--jobs", jobs);
        using var restarted = new Api(second.Url, second.Key);
        string[] final = ["succeeded", "failed", "cancelled"];
        var states = new Dictionary<long, string>();
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var id in acknowledged.Where(id => !states.TryGetValue(id, out var s) || !final.Contains(s)))
                {
                    var job = await restarted.FindJobAsync(id);
                    Assert.True(job is not null, $"job {id} was acknowledged with 201 and is gone after the restart");
                    states[id] = job.State;
                }

                return states.Values.All(final.Contains);
            },
            "every acknowledged job is final",
            seconds: 120);

        // Every line is one run: no job, whatever its end, may appear twice.
        var counts = RunLines(runs).GroupBy(l => l).ToDictionary(g => long.Parse(g.Key, CultureInfo.InvariantCulture), g => g.Count());
        var twice = counts.Where(p => p.Value > 1).Select(p => $"job {p.Key} ran {p.Value} times").ToList();
        Assert.True(twice.Count == 0, string.Join("\n", twice));

        // Every acknowledged job succeeded and ran exactly once: a dispatch the killed agent had
        // journaled but never handed to its backend is reported as not started and placed again.
        var wrong = new List<string>();
        foreach (var (id, state) in states)
        {
            var ran = counts.GetValueOrDefault(id);
            if (state != "succeeded" || ran != 1)
            {
                var job = await restarted.JobAsync(id);
                wrong.Add($"job {id} ended {state} ({job.Reason}) and ran {ran} times");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static string[] RunLines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];
}
