using Suanwang.EndToEnd.Tests.Support;
using Suanwang.EndToEnd.Tests.Support.Chaos;
using Suanwang.Storage.Tests;
using Xunit.Abstractions;

namespace Suanwang.EndToEnd.Tests;

/// <summary>
/// <c>suanwang up</c> killed with SIGKILL at a random moment of a mixed load (jobs, cancels,
/// orders from specs and quotes, top-ups, log following), twenty times on one data folder or
/// database: no acknowledged request is lost, no job runs twice, every posting balances and the
/// hold is what the open orders reserve. The seed is in the test output; SUANWANG_CHAOS_SEED replays it.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 20;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public Task KilledTwentyTimesUnderLoad_KeepsEveryPromise() =>
        new ChaosRun(_folder.Path, null, output).RunAsync(ChaosRun.Seed(), Rounds);

    [Fact]
    public async Task KilledTwentyTimesUnderLoadOnPostgres_KeepsEveryPromise()
    {
        var databases = new PostgresDatabases();
        await databases.InitializeAsync();
        try
        {
            await new ChaosRun(_folder.Path, databases.ConnectionString, output).RunAsync(ChaosRun.Seed(), Rounds);
        }
        finally
        {
            await databases.DisposeAsync();
        }
    }
}
