using Xunit.Abstractions;

namespace Suanwang.EndToEnd.Tests;

/// <summary>The chaos test over SQLite in the data folder.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SqliteChaosTests(ITestOutputHelper output) : ChaosTests(output)
{
    protected override string? ConnectionString => null;
}
