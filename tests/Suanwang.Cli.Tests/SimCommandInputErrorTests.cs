using Suanwang.Simulation.Tests.Traces;

namespace Suanwang.Cli.Tests;

/// <summary>Bad input to <c>sim</c>: exit code 2, one located error line, no stack trace, nothing written.</summary>
public sealed class SimCommandInputErrorTests : IDisposable
{
    private const string Usage = "run 'suanwang --help' for usage";

    // Line 10 holds the bad value.
    private const string MalformedNetwork = """
        name: broken
        currency: CNY
        sites:
          - id: cn-a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: T4, cards_per_node: four, nodes: 2, price: 2 }
        """;

    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string Report => _scratch.Combine("report");

    private string[] Sim(string network, string trace, params string[] more) =>
        ["sim", "--network", network, "--trace", trace, "--report", Report, .. more];

    private string[] Pollux(params string[] more) => Sim(RepoPaths.Network("pollux-64gpu.yaml"), TracePaths.PolluxWorkload(1), more);

    // Exit 2, the expected lines on standard error and nothing else anywhere.
    private void AssertRejected(CliRun run, params string[] errorLines)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(errorLines, run.ErrorLines);
        Assert.Equal("", run.Stdout);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Report), "the report folder was created");
    }

    [Fact]
    public async Task Sim_MalformedNetworkFile_NamesTheFileLineAndField()
    {
        var network = _scratch.Write("broken.yaml", MalformedNetwork);

        var run = await CliRun.RunAsync(Sim(network, TracePaths.PolluxWorkload(1)));

        AssertRejected(run, $"error: {network}:10: sites[0].pools[0].cards_per_node: 'four' is not a whole number");
    }

    [Fact]
    public async Task Sim_UnclosedFlowMappingInTheNetworkFile_IsOneLocatedErrorLine()
    {
        var network = _scratch.Write("unclosed.yaml", MalformedNetwork.Replace("four, nodes: 2, price: 2 }", "4, nodes: 2, price: 2", StringComparison.Ordinal) + "\nlinks: []\n");

        var run = await CliRun.RunAsync(Sim(network, TracePaths.PolluxWorkload(1)));

        AssertRejected(run, $"error: {network}:10: not valid YAML: the text ended inside a '{{' or '[' that is never closed");
    }

    [Fact]
    public async Task Sim_NetworkFileNested30000Deep_IsOneLocatedErrorLine()
    {
        var network = _scratch.Write("deep.yaml", "name: deep\nsites: " + new string('[', 30_000) + new string(']', 30_000) + "\n");

        var run = await CliRun.RunAsync(Sim(network, TracePaths.PolluxWorkload(1)));

        AssertRejected(run, $"error: {network}:2: nested deeper than 64 levels");
    }

    [Fact]
    public async Task Sim_MissingNetworkFile_SaysItCannotBeRead()
    {
        var network = _scratch.Combine("absent.yaml");

        var run = await CliRun.RunAsync(Sim(network, TracePaths.PolluxWorkload(1)));

        AssertRejected(run, $"error: {network}: cannot read the network file: Could not find file '{network}'.");
    }

    [Fact]
    public async Task Sim_MissingTraceFile_SaysItCannotBeOpened()
    {
        var trace = _scratch.Combine("absent.csv");

        var run = await CliRun.RunAsync(Sim(RepoPaths.Network("pollux-64gpu.yaml"), trace));

        AssertRejected(run, $"error: {trace}: cannot open the trace file: Could not find file '{trace}'. The public traces can be fetched with scripts/download-traces.sh.");
    }

    [Fact]
    public async Task Sim_MalformedTraceRow_NamesTheFileLineAndField()
    {
        var trace = _scratch.Write("philly.csv", """
            timestamp,duration,num_gpus,gpu_time,cluster
            2017-10-09 07:01:55,66.0,1,66.0,11cb48
            2017-10-09 07:02:55,66.0,two,66.0,11cb48

            """);

        var run = await CliRun.RunAsync(Sim(RepoPaths.Network("pollux-64gpu.yaml"), trace));

        AssertRejected(run, $"error: {trace}:3: num_gpus: 'two' is not a whole number");
    }

    [Theory]
    [InlineData("--policy", "lifo", "error: --policy: 'lifo' is not one of fifo, priority, fair-share, backfill, priority-backfill, fair-share-backfill, las, srtf, elastic")]
    [InlineData("--restart-cost", "-1", "error: --restart-cost: must be zero or more seconds")]
    [InlineData("--objective", "speed", "error: --objective: 'speed' is not one of time, cost, carbon, balanced")]
    [InlineData("--packer", "first-fit", "error: --packer: 'first-fit' is not one of best-fit, fragmentation-aware")]
    [InlineData("--format", "xml", "error: --format: 'xml' is not one of table, json")]
    [InlineData("--spot-share", "2", "error: --spot-share: must be between 0 and 1")]
    [InlineData("--spot-share", "-0.5", "error: --spot-share: must be between 0 and 1")]
    public async Task Sim_BadOptionValue_NamesTheOptionOnce(string option, string value, string error)
    {
        var run = await CliRun.RunAsync(Pollux(option, value));

        AssertRejected(run, error);
    }

    [Fact]
    public async Task Sim_UnknownTraceFormat_ListsTheKnownOnes()
    {
        var run = await CliRun.RunAsync(Pollux("--trace-format", "csv"));

        AssertRejected(run, $"error: {TracePaths.PolluxWorkload(1)}:1: format: unknown trace format 'csv'; known formats: philly, pollux, alibaba");
    }

    [Fact]
    public async Task Sim_NetworkOptionWithoutAValue_IsAUsageError()
    {
        var run = await CliRun.RunAsync("sim", "--trace", TracePaths.PolluxWorkload(1), "--report", Report, "--network");

        AssertRejected(run, "error: Required argument missing for option: '--network'.", Usage);
    }

    [Fact]
    public async Task Sim_NoNetworkOption_IsAUsageError()
    {
        var run = await CliRun.RunAsync("sim", "--trace", TracePaths.PolluxWorkload(1), "--report", Report);

        AssertRejected(run, "error: Option '--network' is required.", Usage);
    }

    [Fact]
    public async Task Sim_SpotShareNotANumber_IsAUsageError()
    {
        var run = await CliRun.RunAsync(Pollux("--spot-share", "half"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(Usage, run.ErrorLines[^1]);
        Assert.Contains("half", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Report));
    }

    [Fact]
    public async Task Sim_LongErrorOnARedirectedConsole_StaysOnOneLine()
    {
        var deep = Directory.CreateDirectory(_scratch.Combine(new string('n', 120))).FullName;
        var network = Path.Combine(deep, "broken.yaml");
        File.WriteAllText(network, MalformedNetwork);

        var run = await CliRun.RunAsync(Sim(network, TracePaths.PolluxWorkload(1)));

        Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {network}:10:", run.ErrorLines[0], StringComparison.Ordinal);
    }
}
