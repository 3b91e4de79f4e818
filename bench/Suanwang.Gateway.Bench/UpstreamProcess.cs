using System.Diagnostics;
using System.Reflection;

namespace Suanwang.Gateway.Bench;

/// <summary>Starts the fake upstream as a child process: this same program with the <c>upstream</c> verb.</summary>
internal static class UpstreamProcess
{
    /// <summary>The running upstream and its base URL (<c>http://127.0.0.1:PORT/v1/</c>).</summary>
    public static async Task<(ChildProcess Process, Uri BaseUrl)> StartAsync(string model)
    {
        var start = SelfStart();
        foreach (var arg in (string[])["upstream", "--port", "0", "--model", model, "--exit-on-stdin-eof"])
        {
            start.ArgumentList.Add(arg);
        }

        var child = ChildProcess.Start(start, exitsOnInputEnd: true);
        var url = await child.WaitForLineAsync(FakeUpstream.ListeningLine, TimeSpan.FromSeconds(30));
        if (url is null)
        {
            var tail = child.Tail();
            await child.DisposeAsync();
            throw new InvalidOperationException("the fake upstream did not start:" + Environment.NewLine + tail);
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
