using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Suanwang.EndToEnd.Tests.Support;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests;

/// <summary><c>suanwang up</c> takes its data folder for itself, and creates nothing in it until it listens.</summary>
public sealed class UpDataFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SecondUp_OnAFolderInUse_RefusesNamingTheFolderAndHolder_AndLeavesClientJsonAlone()
    {
        var data = _folder.Combine("data");
        using var first = await UpProcess.StartAsync(data, slots: 1);
        var clientJson = Path.Combine(data, "client.json");
        var before = await File.ReadAllBytesAsync(clientJson);
        var written = File.GetLastWriteTimeUtc(clientJson);

        var (code, lines) = await UpProcess.RunToExitAsync("--port", "0", "--data", data);

        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.Equal($"error: the data folder {data} is in use by another suanwang up (pid {first.Pid}); stop it first, or give another --data", line);
        Assert.Equal(before, await File.ReadAllBytesAsync(clientJson));
        Assert.Equal(written, File.GetLastWriteTimeUtc(clientJson));
    }

    [Fact]
    public async Task Up_OnABusyPort_FailsLeavingTheFolderAsItWas_AndAnUpOnAFreePortThenStarts()
    {
        var data = _folder.Combine("data");
        Directory.CreateDirectory(data);
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var (code, lines) = await UpProcess.RunToExitAsync("--port", port, "--data", data);

        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));

        using var up = await UpProcess.StartAsync(data, slots: 1);
        Assert.True(File.Exists(Path.Combine(data, "client.json")));
        Assert.Contains($"Admin API key: {up.Key}", up.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_WithAHomeItCannotWrite_StartsWithoutWarnings()
    {
        // A service account's HOME is often missing or not a writable folder; ASP.NET then warns
        // three times that it cannot keep data-protection keys, which the server does not use.
        var data = _folder.Combine("data");
        var notAFolder = _folder.Combine("home-is-a-file");
        await File.WriteAllTextAsync(notAFolder, "");
        var environment = new Dictionary<string, string> { ["HOME"] = notAFolder };
        using var up = await UpProcess.StartAsync(data, 1, environment);

        await Eventually.TrueAsync(() => up.Output.Contains("Ctrl-C stops", StringComparison.Ordinal), "up to say how to stop it");

        Assert.DoesNotContain("warn:", up.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DataProtection", up.Output, StringComparison.Ordinal);
    }
}
