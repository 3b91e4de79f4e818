using System.Diagnostics;
using System.Globalization;

namespace Suanwang.Testing;

/// <summary>
/// Waits in real time for something a test cannot drive itself: the event that says it happened
/// where there is one (a callback's <see cref="TaskCompletionSource"/>, a process exit, a channel read),
/// else a bounded poll. On timeout the test fails with a message naming what it waited for.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts when the test does not say.</summary>
    public const double DefaultSeconds = 30;

    // Polls start fast, for what is nearly true already, and back off, for what takes seconds.
    private static readonly TimeSpan s_firstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_maxPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>Awaits <paramref name="signal"/> for at most <paramref name="seconds"/>.</summary>
    public static async Task EventAsync(Task signal, string what, double seconds = DefaultSeconds)
    {
        ArgumentNullException.ThrowIfNull(signal);
        try
        {
            await signal.WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            Assert.Fail(TimedOut(what, seconds));
        }
    }

    /// <summary>Awaits <paramref name="signal"/> for at most <paramref name="seconds"/> and returns its result.</summary>
    public static async Task<T> EventAsync<T>(Task<T> signal, string what, double seconds = DefaultSeconds)
    {
        await EventAsync((Task)signal, what, seconds);
        return await signal;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, for at most <paramref name="seconds"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, double seconds = DefaultSeconds)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return TrueAsync(() => Task.FromResult(condition()), what, seconds);
    }

    /// <summary>Polls <paramref name="condition"/> (a query to a server, say) until it holds, for at most <paramref name="seconds"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, double seconds = DefaultSeconds)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await ResultAsync(async () => await condition() ? "" : null, what, seconds);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns something, for at most <paramref name="seconds"/>, and returns that.</summary>
    public static async Task<T> ResultAsync<T>(Func<Task<T?>> probe, string what, double seconds = DefaultSeconds)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var clock = Stopwatch.StartNew();
        var pause = s_firstPoll;
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            if (clock.Elapsed.TotalSeconds > seconds)
            {
                Assert.Fail(TimedOut(what, seconds));
            }

            await Task.Delay(pause);
            pause = pause * 2 > s_maxPoll ? s_maxPoll : pause * 2;
        }
    }

    private static string TimedOut(string what, double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"timed out after {seconds} s waiting for: {what}");
}
