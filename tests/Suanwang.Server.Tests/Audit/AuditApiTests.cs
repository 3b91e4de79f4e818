using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Audit;
using Suanwang.Core.Audit;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Audit;
using Suanwang.Protocol.Market;
using Suanwang.Server.Tests.Hosting;

namespace Suanwang.Server.Tests.Audit;

/// <summary>The audit routes over a real server: signed checkpoints, entries by who may read them, proofs that verify, bounded parameters.</summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _acme = null!;
    private HttpClient _beta = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        await _server.RegisterAsync(Specs.Site("cn-a"));
        _acme = await _server.TenantAsync("acme");
        _beta = await _server.TenantAsync("beta");
        _anonymous = _server.Client(null);
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        _beta.Dispose();
        _anonymous.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Checkpoint_IsASignedNoteThatOpensWithThePublishedKey()
    {
        await PlaceAsync();
        await IntegrateAsync();

        var response = await _anonymous.GetAsync("/api/v1/audit/checkpoint");
        var note = await response.Content.ReadAsStringAsync();
        var key = (await _anonymous.GetStringAsync("/api/v1/audit/key")).Trim();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var checkpoint = AuditSigner.Open(note, key, out var error);
        Assert.True(checkpoint is not null, error);
        Assert.Equal(1, checkpoint.Size);
        Assert.StartsWith("suanwang.local/audit+", key, StringComparison.Ordinal);
        Assert.Null(AuditSigner.Open(note.Replace("\n1\n", "\n2\n", StringComparison.Ordinal), key, out _));
    }

    [Fact]
    public async Task Entry_ItsTenantAndAdminsGetTheBytes_EveryoneElseTheLeafHashOnly()
    {
        var job = await PlaceAsync();
        await IntegrateAsync();

        var own = await _acme.GetAsync("/api/v1/audit/entries/0");
        var bytes = await own.Content.ReadAsByteArrayAsync();
        var admin = await _server.Admin.GetByteArrayAsync("/api/v1/audit/entries/0");
        var other = await _beta.GetFromJsonAsync<AuditEntryHashView>("/api/v1/audit/entries/0", ProtocolJson.Options);
        var anonymous = await _anonymous.GetFromJsonAsync<AuditEntryHashView>("/api/v1/audit/entries/0", ProtocolJson.Options);

        Assert.Equal("application/octet-stream", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            $"{{\"kind\":\"placement\",\"at\":\"2026-03-01T08:00:00.000000Z\",\"job\":{job},\"site\":\"cn-a\",\"tenant\":\"acme\"}}",
            Encoding.UTF8.GetString(bytes));
        Assert.Equal(bytes, admin);
        Assert.Equal(new AuditEntryHashView(0, Convert.ToBase64String(MerkleHash.Leaf(bytes))), other);
        Assert.Equal(other, anonymous);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Admin.GetAsync("/api/v1/audit/entries/1")).StatusCode);
    }

    [Fact]
    public async Task Entries_ARangeGivesLeafHashesToAll_AndBytesToTheirTenantAndAdmins()
    {
        var job = await PlaceAsync();
        await TopUpAsync("beta", "5.00");
        await IntegrateAsync();

        var own = await _acme.GetFromJsonAsync<AuditEntriesView>("/api/v1/audit/entries?from=0&count=10", ProtocolJson.Options);
        var admin = await _server.Admin.GetFromJsonAsync<AuditEntriesView>("/api/v1/audit/entries?from=0&count=2", ProtocolJson.Options);
        var anonymous = await _anonymous.GetFromJsonAsync<AuditEntriesView>("/api/v1/audit/entries?from=1&count=1000", ProtocolJson.Options);

        Assert.Equal([0L, 1L], own!.Entries.Select(e => e.Index));
        var placement = Convert.FromBase64String(own.Entries[0].Bytes!);
        Assert.Contains($"\"job\":{job}", Encoding.UTF8.GetString(placement), StringComparison.Ordinal);
        Assert.Equal(Convert.ToBase64String(MerkleHash.Leaf(placement)), own.Entries[0].LeafHash);
        Assert.Null(own.Entries[1].Bytes);
        Assert.All(admin!.Entries, e => Assert.Equal(e.LeafHash, Convert.ToBase64String(MerkleHash.Leaf(Convert.FromBase64String(e.Bytes!)))));
        Assert.Equal(1, anonymous!.From);
        Assert.Equal(own.Entries[1], anonymous.Entries.Single());
        Assert.Null(anonymous.Entries.Single().Bytes);
        Assert.Empty((await _anonymous.GetFromJsonAsync<AuditEntriesView>("/api/v1/audit/entries?from=2&count=5", ProtocolJson.Options))!.Entries);
    }

    [Fact]
    public async Task Proofs_OfEveryEntryAndBetweenCheckpoints_VerifyAgainstTheSignedRoots()
    {
        await TopUpAsync("acme", "10.00");
        await TopUpAsync("beta", "20.00");
        await IntegrateAsync();
        var old = await CheckpointAsync();
        await PlaceAsync();
        for (var i = 0; i < 4; i++)
        {
            await TopUpAsync("acme", "1.00");
        }

        await IntegrateAsync();
        var head = await CheckpointAsync();

        Assert.Equal((2L, 7L), (old.Size, head.Size));
        for (var index = 0; index < head.Size; index++)
        {
            var leaf = Convert.FromBase64String((await _anonymous.GetFromJsonAsync<AuditEntryHashView>($"/api/v1/audit/entries/{index}", ProtocolJson.Options))!.LeafHash);
            var proof = await ProofAsync($"/api/v1/audit/proof/inclusion?index={index}&size={head.Size}");
            Assert.True(MerkleProofs.VerifyInclusion(leaf, index, head.Size, proof, head.RootHash), $"entry {index}");
        }

        var consistency = await ProofAsync($"/api/v1/audit/proof/consistency?from={old.Size}&to={head.Size}");
        Assert.True(MerkleProofs.VerifyConsistency(old.Size, head.Size, consistency, old.RootHash, head.RootHash));
        Assert.Empty(await ProofAsync($"/api/v1/audit/proof/consistency?from={head.Size}&to={head.Size}"));
    }

    [Theory]
    [InlineData("/api/v1/audit/proof/inclusion?index=0", "size")]
    [InlineData("/api/v1/audit/proof/inclusion?index=x&size=1", "index")]
    [InlineData("/api/v1/audit/proof/inclusion?index=0&size=2", "size")]
    [InlineData("/api/v1/audit/proof/inclusion?index=1&size=1", "index")]
    [InlineData("/api/v1/audit/proof/inclusion?index=-1&size=1", "index")]
    [InlineData("/api/v1/audit/proof/inclusion?index=0&size=99999999999999999999999", "size")]
    [InlineData("/api/v1/audit/proof/consistency?from=0&to=1", "from")]
    [InlineData("/api/v1/audit/proof/consistency?from=2&to=1", "from")]
    [InlineData("/api/v1/audit/proof/consistency?from=1&to=5", "to")]
    [InlineData("/api/v1/audit/proof/consistency?to=1", "from")]
    [InlineData("/api/v1/audit/entries/abc", "index")]
    [InlineData("/api/v1/audit/entries?count=5", "from")]
    [InlineData("/api/v1/audit/entries?from=-1&count=5", "from")]
    [InlineData("/api/v1/audit/entries?from=0", "count")]
    [InlineData("/api/v1/audit/entries?from=0&count=0", "count")]
    [InlineData("/api/v1/audit/entries?from=0&count=1001", "count")]
    [InlineData("/api/v1/audit/entries/-3", "index")]
    public async Task Proof_BadParameter_Is400NamingIt(string url, string parameter)
    {
        await PlaceAsync();
        await IntegrateAsync();

        var response = await _acme.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestServer.ProblemAsync(response);
        Assert.Equal(parameter, problem.GetProperty("field").GetString());
    }

    private async Task<long> PlaceAsync()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        return id;
    }

    private async Task TopUpAsync(string tenant, string amount)
    {
        var response = await _server.Admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/topups", new NewTopUp(amount, "CNY"), ProtocolJson.Options);
        response.EnsureSuccessStatusCode();
    }

    private Task<int> IntegrateAsync() => _server.Server.Services.GetRequiredService<AuditLog>().IntegrateAsync(CancellationToken.None);

    private async Task<Checkpoint> CheckpointAsync()
    {
        var key = await _anonymous.GetStringAsync("/api/v1/audit/key");
        return AuditSigner.Open(await _anonymous.GetStringAsync("/api/v1/audit/checkpoint"), key.Trim(), out _)!;
    }

    private async Task<byte[][]> ProofAsync(string url)
    {
        var view = await _anonymous.GetFromJsonAsync<JsonElement>(url);
        return [.. view.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!))];
    }
}
