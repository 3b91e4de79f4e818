using System.Text;
using Suanwang.EndToEnd.Tests.Support;

namespace Suanwang.EndToEnd.Tests;

/// <summary>Large and awkward job output through a real agent and server: kept whole, byte for byte, while heartbeats go on.</summary>
public sealed class JobOutputTests
{
    private static string Job(string run) => $"""
        name: e2e-output
        tenant: admin
        run: {run}
        resources:
          accelerators: [CPU-core]
          cards: 1
        estimated_runtime: 5m
        """;

    /// <summary>Bytes 0x01..0x1F over and over: as JSON strings, most take six bytes each.</summary>
    private static byte[] ControlBytes(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = (byte)(1 + (i % 31));
        }

        return bytes;
    }

    /// <summary>Lines of text with control bytes, tabs and multi-byte characters mixed in.</summary>
    private static byte[] MixedOutput(int count)
    {
        var line = Encoding.UTF8.GetBytes("step 42\tloss=0.125 \u001b[32mok\u001b[0m \u8bad\u7ec3 \u0001\u0002\u0003 \ud83d\ude80\r\n");
        var bytes = new byte[count];
        for (var i = 0; i < count; i += line.Length)
        {
            line.AsSpan(0, Math.Min(line.Length, count - i)).CopyTo(bytes.AsSpan(i));
        }

        // End on a whole line so the cut cannot split a character.
        var end = count - (count % line.Length);
        return bytes[..end];
    }

    /// <summary>Runs a job that prints <paramref name="output"/> and returns what the server kept.</summary>
    private static async Task<byte[]> RunAsync(OneSite site, byte[] output)
    {
        var file = site.File($"output-{output.Length}.bin");
        await File.WriteAllBytesAsync(file, output);
        var id = await site.Api.SubmitAsync(Job($"cat '{file}'"));

        var job = await site.Api.WaitForStateAsync(id, "succeeded", seconds: 120);

        // One dispatch and one run: the site never fell silent, so the job was never moved and run again.
        var events = await site.Api.EventsAsync(id);
        Assert.Equal(["submitted", "placed", "dispatched", "started", "exited"], events.Select(e => e.Kind));
        Assert.Equal("up", (await site.Api.SiteAsync(OneSite.Site)).State);
        Assert.Equal(0, job.ExitCode);
        return await site.LogBytesAsync(id);
    }

    [Fact]
    public async Task ControlBytes_1point2MB_ComeBackByteForByte_AndTheSiteStaysUp()
    {
        await using var site = await OneSite.StartAsync();
        var output = ControlBytes(1_200_000);

        var kept = await RunAsync(site, output);

        Assert.Equal(output.Length, kept.Length);
        Assert.True(output.AsSpan().SequenceEqual(kept), "the output came back changed");
    }

    [Fact]
    public async Task Outputs_Of3MBAnd20MB_ComeBackWhole()
    {
        await using var site = await OneSite.StartAsync();
        foreach (var size in new[] { 3_000_000, 20_000_000 })
        {
            var output = MixedOutput(size);

            var kept = await RunAsync(site, output);

            Assert.Equal(output.Length, kept.Length);
            Assert.True(output.AsSpan().SequenceEqual(kept), $"the {size}-byte output came back changed");
        }
    }

    [Fact]
    public async Task OutputPastTheCap_EndsWithHowManyBytesWereDropped()
    {
        await using var site = await OneSite.StartAsync(maxJobLogBytes: 1024 * 1024);
        var output = ControlBytes(3_000_000);

        var kept = await RunAsync(site, output);

        var note = Encoding.UTF8.GetBytes($"\n[suanwang: {3_000_000 - (1024 * 1024)} bytes of output dropped past the 1 MiB cap]\n");
        Assert.Equal(1024 * 1024 + note.Length, kept.Length);
        Assert.True(output.AsSpan(0, 1024 * 1024).SequenceEqual(kept.AsSpan(0, 1024 * 1024)), "the kept output came back changed");
        Assert.True(note.AsSpan().SequenceEqual(kept.AsSpan(1024 * 1024)), "the log does not end with the note: " + Encoding.UTF8.GetString(kept.AsSpan(1024 * 1024)));
    }
}
