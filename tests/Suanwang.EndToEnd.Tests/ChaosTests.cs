using Suanwang.EndToEnd.Tests.Support;
using Suanwang.EndToEnd.Tests.Support.Chaos;
using Xunit.Abstractions;

namespace Suanwang.EndToEnd.Tests;

/// <summary>
/// <c>suanwang up</c> killed with SIGKILL at a random moment of a mixed load (jobs, cancels,
/// orders from specs and quotes, top-ups, log following), twenty times on one data folder or
/// database: no acknowledged request is lost, no job runs twice, every posting balances and the
/// hold is what the open orders reserve. The seed is in the test output; SUANWANG_CHAOS_SEED
/// replays it. One sealed subclass per store, so that the two run side by side.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public abstract class ChaosTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 20;

    private readonly TempFolder _folder = new();

    /// <summary>The <c>--db</c> connection string; null for SQLite in the data folder.</summary>
    protected abstract string? ConnectionString { get; }

    [Fact]
    public Task KilledTwentyTimesUnderLoad_KeepsEveryPromise() =>
        new ChaosRun(_folder.Path, ConnectionString, output).RunAsync(ChaosRun.Seed(), Rounds);

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
