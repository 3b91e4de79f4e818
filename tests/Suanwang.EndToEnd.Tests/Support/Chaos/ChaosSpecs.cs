using System.Globalization;

namespace Suanwang.EndToEnd.Tests.Support.Chaos;

/// <summary>
/// The chaos load's job specs: one CPU-core slot, a short sleep, one line of output, and a marker
/// file per job in a folder the test owns with a <c>start</c> line when a run begins and a
/// <c>done</c> line when it completes, so that a second run of a job shows.
/// </summary>
internal static class ChaosSpecs
{
    /// <summary>The line each run prints once.</summary>
    public static string Output(long job) => string.Create(CultureInfo.InvariantCulture, $"hello from job {job}");

    /// <summary>A job sleeping <paramref name="seconds"/>; with a time limit (so it can be ordered) when <paramref name="ordered"/>.</summary>
    public static string Job(string markers, double seconds, bool ordered) => string.Create(CultureInfo.InvariantCulture, $"""
        name: chaos
        tenant: admin
        run: 'echo start >> {markers}/$SUANWANG_JOB_ID; sleep {seconds}; echo hello from job $SUANWANG_JOB_ID; echo done >> {markers}/$SUANWANG_JOB_ID'
        resources:
          accelerators: [CPU-core]
          cards: 1
        estimated_runtime: 5s
        {(ordered ? "time_limit: 10s" : "")}
        """);

    /// <summary>How long a job of the load sleeps: mostly short, some long enough to be running at a kill.</summary>
    public static double Sleep(Random random) => random.Next(10) switch
    {
        < 4 => 0,
        < 7 => 0.3,
        < 9 => 1,
        _ => 3,
    };
}
