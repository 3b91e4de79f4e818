using Xunit.Abstractions;

namespace Suanwang.EndToEnd.Tests;

/// <summary>The chaos test over SQLite in the data folder.</summary>
public sealed class SqliteChaosTests(ITestOutputHelper output) : ChaosTests(output)
{
    protected override string? ConnectionString => null;
}
