using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Suanwang.Agent.Backends;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Tests.Hosting;

/// <summary>Output on its way to the server: batches within the body limit, heartbeats that never wait, refusals that never block.</summary>
public sealed partial class AgentHostTests
{
    private const int OneMiB = 1024 * 1024;

    /// <summary>Bytes 0x01..0x1F over and over: each becomes six bytes of JSON (\u0001).</summary>
    private static string ControlBytes(int count) =>
        string.Create(count, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)(1 + (i % 31));
            }
        });

    private async Task<RunReport> TickUntilExitedAsync(AgentHost host, long job, int maxTicks = 1000)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            _time.Advance(1);
            await host.TickAsync(CancellationToken.None);
            if (_server.ReportsFor(job).FirstOrDefault(r => r.Kind == ReportKind.Exited) is { } exited)
            {
                return exited;
            }
        }

        throw new Xunit.Sdk.XunitException($"job {job} was not reported exited within {maxTicks} ticks");
    }

    [Fact]
    public async Task ControlBytesOutput_GoesOutWhole_InBatchesWithinTheBodyLimitAsJson()
    {
        _server.MaxRequestBytes = OneMiB;
        _server.RefuseBatchesOver = OneMiB;
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);
        var output = ControlBytes(1_200_000);
        run.Write(output);
        run.Status = RunStatus.Exited(0);

        var exited = await TickUntilExitedAsync(host, 1);

        Assert.Equal(output, _server.OutputOf(1));
        Assert.Empty(_server.RefusedBatches);
        Assert.All(_server.BatchSizes, size => Assert.True(size <= OneMiB, $"a batch of {size} bytes"));
        Assert.True(_server.BatchSizes.Sum() > 5 * 1_200_000, "the escapes made the output over five times larger");
        Assert.Equal(1_200_000L, exited.OutputBytes);
    }

    [Fact]
    public async Task ServerWithASmallerLimitThanItSaid_RefusedBatchesAreSplit_AndTheOutputGoesOutWhole()
    {
        // The server says nothing of its limit (1 MiB is assumed) but refuses anything over 64 KiB.
        _server.RefuseBatchesOver = 64 * 1024;
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);
        var output = ControlBytes(300_000) + "done\n";
        run.Write(output);
        run.Status = RunStatus.Exited(0);

        var exited = await TickUntilExitedAsync(host, 1);

        Assert.NotEmpty(_server.RefusedBatches);
        Assert.Equal(output, _server.OutputOf(1));
        Assert.Equal(0, exited.ExitCode);
        Assert.Equal(0, host.PendingReports);
    }

    [Fact]
    public async Task LogRefusedFor400_IsReplacedByANoteOfTheDroppedBytes_AndLaterOutputGoesOut()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);
        run.Write(new string('x', 1000));
        _server.RefuseLogs = 400;
        _server.RefuseLogsWhere = r => r.Text!.StartsWith('x');
        _time.Advance(1);
        await host.TickAsync(CancellationToken.None);
        _server.RefuseLogs = null;
        _time.Advance(1);
        await host.TickAsync(CancellationToken.None);
        run.Write("after\n");
        run.Status = RunStatus.Exited(0);

        var exited = await TickUntilExitedAsync(host, 1);

        Assert.Equal(0, exited.ExitCode);
        Assert.NotEmpty(_server.RefusedBatches);
        Assert.Equal("\n[suanwang: 1000 bytes of output dropped here: the server refused them (400)]\nafter\n", _server.OutputOf(1));
        Assert.Equal(1000L, _server.ReportsFor(1).Last(r => r.Kind == ReportKind.Log).Offset);
        Assert.Equal(0, host.PendingReports);
    }

    [Fact]
    public async Task RefusedNote_IsDropped_AndNothingIsHeldUp()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);
        run.Write("lost\n");
        run.Status = RunStatus.Exited(3);
        _server.RefuseLogs = 400;
        _time.Advance(1);
        await host.TickAsync(CancellationToken.None);
        _server.RefuseLogs = null;

        var exited = await TickUntilExitedAsync(host, 1);

        Assert.Equal(3, exited.ExitCode);
        Assert.Equal("", _server.OutputOf(1));
        Assert.Equal(0, host.PendingReports);
    }

    [Fact]
    public async Task ALogPieceTheServerAlwaysRefuses_BecomesANoteSayingHowManyBytesWereDropped()
    {
        // 413 for anything over 1000 bytes, and a CJK character is six bytes of JSON (\u4e00): the
        // pieces the agent splits down to still do not fit.
        _server.RefuseBatchesOver = 1000;
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);
        run.Write("a" + new string('\u4e00', 1200) + "z\n");
        run.Status = RunStatus.Exited(0);

        var exited = await TickUntilExitedAsync(host, 1);

        var text = _server.OutputOf(1);
        var notes = Regex.Matches(text, @"\n\[suanwang: (\d+) bytes of output dropped here: the server refused them \(413\)\]\n");
        Assert.NotEmpty(notes);
        var kept = Regex.Replace(text, @"\n\[suanwang: \d+ bytes[^\]]*\]\n", "");
        Assert.Equal(3603, notes.Sum(n => int.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture)) + Encoding.UTF8.GetByteCount(kept));
        Assert.Equal(0, exited.ExitCode);
        Assert.Equal(3603L, exited.OutputBytes);
    }

    [Fact]
    public async Task AnUploadOnItsWay_DoesNotHoldUpHeartbeats()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);
        var before = _server.Heartbeats.Count;
        _server.HoldReports = new TaskCompletionSource();
        run.Write(ControlBytes(200_000));

        for (var i = 0; i < 6; i++)
        {
            _time.Advance(5);
            await host.TickAsync(CancellationToken.None);
        }

        Assert.Equal(before + 6, _server.Heartbeats.Count);
        Assert.All(_server.Heartbeats.Skip(before), h => Assert.Equal([new RunningJob(1, 1)], h.Running));
        Assert.True(host.PendingReports > 0);

        _server.HoldReports.SetResult();
        _server.HoldReports = null;
        run.Status = RunStatus.Exited(0);
        await TickUntilExitedAsync(host, 1);
        Assert.Equal(ControlBytes(200_000), _server.OutputOf(1));
    }

    [Fact]
    public async Task RefusedReports_DoNotHoldUpHeartbeats()
    {
        _server.RefuseBatchesOver = 100;
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var before = _server.Heartbeats.Count;
        _backend.RunOf(1).Write(ControlBytes(50_000));

        for (var i = 0; i < 6; i++)
        {
            _time.Advance(5);
            await host.TickAsync(CancellationToken.None);
        }

        Assert.NotEmpty(_server.RefusedBatches);
        Assert.Equal(before + 6, _server.Heartbeats.Count);
    }

    [Fact]
    public async Task OutputPastTheServersCap_IsNotSent_AndTheExitSaysHowMuchThereWas()
    {
        _server.MaxJobLogBytes = 1000;
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);
        var output = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            output.Append("line ").Append(i % 10).Append("\n\u00e9\n");
        }

        run.Write(output.ToString());
        run.Status = RunStatus.Exited(0);

        var exited = await TickUntilExitedAsync(host, 1);

        var sent = _server.OutputOf(1);
        Assert.True(Encoding.UTF8.GetByteCount(sent) is > 996 and <= 1000, $"{Encoding.UTF8.GetByteCount(sent)} bytes sent");
        Assert.StartsWith(sent, output.ToString(), StringComparison.Ordinal);
        Assert.Equal((long)Encoding.UTF8.GetByteCount(output.ToString()), exited.OutputBytes);
    }

    [Fact]
    public async Task AgentRestart_AfterAnEndWithOutputTheServerNeverGot_SendsTheOutputThenTheExit()
    {
        var output = ControlBytes(300_000);
        await using (var first = NewHost())
        {
            _server.Offered.Add(Job(1));
            await first.TickAsync(CancellationToken.None);
            _server.Down = true;
            var run = _backend.RunOf(1);
            run.Write(output);
            run.Status = RunStatus.Exited(0);
            _time.Advance(1);
            await first.TickAsync(CancellationToken.None);
            Assert.True(first.PendingReports > 1);
        }

        _server.Down = false;
        _server.Batches.Clear();
        await using var second = NewHost();
        var exited = await TickUntilExitedAsync(second, 1);

        Assert.Empty(_backend.Reattached);
        Assert.Single(_backend.Started);
        var kinds = _server.ReportsFor(1).Select(r => r.Kind).Distinct();
        Assert.Equal([ReportKind.Started, ReportKind.Log, ReportKind.Exited], kinds);
        Assert.Equal(output, _server.OutputOf(1));
        Assert.Equal((0, 300_000L), (exited.ExitCode, exited.OutputBytes));
        Assert.Same(exited, _server.ReportsFor(1)[^1]);
    }
}
