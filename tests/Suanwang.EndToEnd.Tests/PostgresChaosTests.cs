using Suanwang.Storage.Tests;
using Xunit.Abstractions;

namespace Suanwang.EndToEnd.Tests;

/// <summary>The chaos test over a database of its own on the PostgreSQL server of scripts/postgres.sh.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PostgresChaosTests(ITestOutputHelper output) : ChaosTests(output), IAsyncLifetime
{
    private readonly PostgresDatabases _databases = new();

    protected override string? ConnectionString => _databases.ConnectionString;

    public Task InitializeAsync() => _databases.InitializeAsync();

    public Task DisposeAsync() => _databases.DisposeAsync();
}
