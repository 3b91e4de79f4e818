using System.Diagnostics;
using System.Reflection;

namespace Suanwang.Gateway.Bench;

/// <summary>Starts this same program as a child process with the <c>upstream</c> or <c>relay</c> verb.</summary>
internal static class BenchProcess
{
    /// <summary>
    /// The fake upstream on <paramref name="port"/> (0: a free one), answering chat completions with
    /// id <paramref name="id"/>, and its base URL (<c>http://127.0.0.1:PORT/v1/</c>).
    /// </summary>
    public static Task<(ChildProcess Process, Uri BaseUrl)> StartUpstreamAsync(string model, int port, string id) =>
        StartAsync(
            ["upstream", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--model", model, "--id", id, "--exit-on-stdin-eof"],
            FakeUpstream.ListeningLine,
            "the fake upstream");

    /// <summary>The bench's minimal relay in front of <paramref name="upstream"/>, and its base URL.</summary>
    public static Task<(ChildProcess Process, Uri BaseUrl)> StartRelayAsync(Uri upstream) =>
        StartAsync(["relay", "--upstream", upstream.ToString(), "--port", "0", "--exit-on-stdin-eof"], BenchRelay.ListeningLine, "the relay");

    private static async Task<(ChildProcess Process, Uri BaseUrl)> StartAsync(string[] args, string listeningLine, string what)
    {
        var start = SelfStart();
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var child = ChildProcess.Start(start, exitsOnInputEnd: true);
        var url = await child.WaitForLineAsync(listeningLine, TimeSpan.FromSeconds(30));
        if (url is null)
        {
            var tail = child.Tail();
            await child.DisposeAsync();
            throw new InvalidOperationException($"{what} did not start:{Environment.NewLine}{tail}");
        }

        return (child, Target.Base(url.Trim()));
    }

    /// <summary>How to run this program again: its apphost, or <c>dotnet</c> with its assembly.</summary>
    private static ProcessStartInfo SelfStart()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(path);
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        return start;
    }
}
