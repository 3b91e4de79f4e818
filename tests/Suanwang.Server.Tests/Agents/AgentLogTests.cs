using System.Text;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Agents;
using Suanwang.Server.Tests.Hosting;

namespace Suanwang.Server.Tests.Agents;

/// <summary>Job output from agents: the limits the server names, and the per-job cap.</summary>
public sealed class AgentLogTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _acme = null!;
    private AgentRegistered _registered = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(maxBody: 256 * 1024, maxJobLog: 1024);
        _registered = await _server.RegisterAsync(Specs.Site("cn-a"));
        _acme = await _server.TenantAsync("acme");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void Registration_NamesTheBodyLimitAndTheLogCap()
    {
        Assert.Equal(256 * 1024L, _registered.MaxRequestBytes);
        Assert.Equal(1024L, _registered.MaxJobLogBytes);
    }

    [Fact]
    public async Task OutputWithNulBytes_IsKeptWithEachNulAsAQuestionMark_ByteForByte()
    {
        // PostgreSQL's text cannot hold NUL: stored raw, the chunk would fail on every retry.
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var job = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        var at = _server.Time.GetUtcNow();

        var reply = await _server.ReportAsync(
            "cn-a",
            _registered.Epoch,
            new RunReport(id, job.Fence, ReportKind.Started, at),
            new RunReport(id, job.Fence, ReportKind.Log, at, Offset: 0, Text: "a\0b\0\0c\n"),
            new RunReport(id, job.Fence, ReportKind.Log, at, Offset: 7, Text: "next\n"));

        Assert.All(reply.Results, r => Assert.True(r.Accepted));
        Assert.Equal("a?b??c\nnext\n", await _acme.GetStringAsync($"/api/v1/jobs/{id}/logs"));
    }

    [Fact]
    public async Task OutputPastTheCap_IsNotKept_AndTheLogEndsWithHowManyBytesWereDropped()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var job = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        var at = _server.Time.GetUtcNow();
        var first = new string('a', 600);
        var crossing = new string('b', 423) + "\u00e9" + new string('c', 99);
        var past = new string('d', 600);

        var reply = await _server.ReportAsync(
            "cn-a",
            _registered.Epoch,
            new RunReport(id, job.Fence, ReportKind.Started, at),
            new RunReport(id, job.Fence, ReportKind.Log, at, Offset: 0, Text: first),
            new RunReport(id, job.Fence, ReportKind.Log, at, Offset: 600, Text: crossing),
            new RunReport(id, job.Fence, ReportKind.Log, at, Offset: 1124, Text: past),
            new RunReport(id, job.Fence, ReportKind.Exited, at, ExitCode: 0, AcceleratorSeconds: 1, OutputBytes: 1724));

        Assert.All(reply.Results, r => Assert.True(r.Accepted));
        var log = await _acme.GetStringAsync($"/api/v1/jobs/{id}/logs");
        // The é straddles byte 1024: it is dropped whole, so 1023 bytes are kept.
        Assert.Equal(first + new string('b', 423) + "\n[suanwang: 700 bytes of output dropped past the 1 KiB cap]\n", log);
        Assert.Equal(1023, Encoding.UTF8.GetByteCount(first + new string('b', 423)));
    }

    [Fact]
    public async Task OutputWithinTheCap_HasNoNote()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var job = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        var at = _server.Time.GetUtcNow();
        var output = "\u0001\u0002\u0000\u001b[0m done\n";

        await _server.ReportAsync(
            "cn-a",
            _registered.Epoch,
            new RunReport(id, job.Fence, ReportKind.Started, at),
            new RunReport(id, job.Fence, ReportKind.Log, at, Offset: 0, Text: output),
            new RunReport(id, job.Fence, ReportKind.Exited, at, ExitCode: 0, AcceleratorSeconds: 1, OutputBytes: Encoding.UTF8.GetByteCount(output)));

        Assert.Equal(output.Replace('\0', '?'), await _acme.GetStringAsync($"/api/v1/jobs/{id}/logs"));
    }
}
