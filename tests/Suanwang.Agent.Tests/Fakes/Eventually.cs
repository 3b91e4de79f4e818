namespace Suanwang.Agent.Tests.Fakes;

/// <summary>Waits for a condition that an outside process (a child, Slurm) makes true, with a deadline instead of a fixed sleep.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, double timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeoutSeconds} s waiting for {what}");
            }

            await Task.Delay(10);
        }
    }

    public static async Task<T> ResultAsync<T>(Func<Task<T?>> probe, string what, double timeoutSeconds = 20)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var result = await probe();
            if (result is not null)
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeoutSeconds} s waiting for {what}");
            }

            await Task.Delay(50);
        }
    }
}
