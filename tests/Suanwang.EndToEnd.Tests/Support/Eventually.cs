namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>Polls a condition over real time until it holds or a deadline passes.</summary>
internal static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, string what, double seconds = 30)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {seconds} s waiting until {what}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<T> ResultAsync<T>(Func<Task<T?>> attempt, string what, double seconds = 30)
        where T : class
    {
        T? result = null;
        await Async(async () => (result = await attempt()) is not null, what, seconds);
        return result!;
    }
}
