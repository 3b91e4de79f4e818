namespace Suanwang.Cli.Tests;

/// <summary>Polls a condition over real time until it holds or a deadline passes.</summary>
internal static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, string what, double seconds = 20)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {seconds} s waiting until {what}");
            }

            await Task.Delay(50);
        }
    }
}
