using System.Security.Cryptography;
using System.Text;
using Suanwang.Core.Audit;
using Suanwang.Core.Market;
using Suanwang.Storage.Audit;
using Suanwang.Storage.Policy;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="IAuditStore"/> must do: durable entries, indexes in commit order, a stored tree that gives the checkpoint's root.</summary>
public abstract class AuditStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    private static readonly Func<long, byte[], string> s_sign = (size, root) => $"test\n{size}\n{Convert.ToBase64String(root)}\n";

    [Fact]
    public async Task Integrate_Empty_MakesTheFirstCheckpointOfTheEmptyTreeOnce()
    {
        var store = await OpenAsync();

        var (head, added) = await store.IntegrateAuditAsync(100, s_sign, T0, None);
        var (again, addedAgain) = await store.IntegrateAuditAsync(100, s_sign, T0.AddSeconds(1), None);

        Assert.Equal((0L, 0, 0), (head.Size, added, addedAgain));
        Assert.Equal(MerkleHash.EmptyRoot(), head.Root);
        Assert.Equal(T0, again.At);
        Assert.Equal(head.Note, (await store.GetAuditHeadAsync(None))!.Note);
    }

    [Fact]
    public async Task Append_ThenIntegrate_NumbersEntriesInCommitOrderUnderTheRfcRoot()
    {
        var store = await OpenAsync();
        var tickets = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            tickets.Add(await store.AppendAuditAsync(Entry(i), None));
        }

        Assert.Null(await store.GetAuditIndexAsync(tickets[0], None));
        var (head, added) = await store.IntegrateAuditAsync(3, s_sign, T0, None);
        Assert.Equal((3L, 3), (head.Size, added));
        (head, added) = await store.IntegrateAuditAsync(100, s_sign, T0, None);

        Assert.Equal((5L, 2), (head.Size, added));
        Assert.Equal(Root(Enumerable.Range(0, 5).Select(i => Entry(i).Bytes)), head.Root);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(i, await store.GetAuditIndexAsync(tickets[i], None));
            var entry = await store.GetAuditEntryAsync(i, None);
            Assert.Equal(Entry(i).Bytes, entry!.Bytes);
            Assert.Equal(("decision", "acme"), (entry.Kind, entry.Tenant));
        }

        Assert.Null(await store.GetAuditEntryAsync(5, None));
        Assert.Equal(head.Note, (await store.GetAuditHeadAsync(None))!.Note);
    }

    [Fact]
    public async Task Entries_ReadsARangeInIndexOrder_BoundedAndShortPastTheEnd()
    {
        var store = await OpenAsync();
        await store.AppendAuditBatchAsync([.. Enumerable.Range(0, 40).Select(Entry)], None);
        await store.AppendAuditAsync(Entry(40), None);
        await store.IntegrateAuditAsync(40, s_sign, T0, None);

        var middle = await store.GetAuditEntriesAsync(5, 10, None);
        var end = await store.GetAuditEntriesAsync(35, 100, None);
        var past = await store.GetAuditEntriesAsync(40, 10, None);

        Assert.Equal(Enumerable.Range(5, 10).Select(i => (long)i), middle.Select(e => e.Index));
        Assert.All(middle, e => Assert.Equal(Entry((int)e.Index).Bytes, e.Bytes));
        Assert.Equal(Enumerable.Range(35, 5).Select(i => (long)i), end.Select(e => e.Index));
        Assert.Empty(past);
    }

    [Fact]
    public async Task Tree_OfManyEntriesOverSeveralIntegrations_GivesProofsThatVerify()
    {
        var store = await OpenAsync();
        var frontier = new MerkleFrontier();
        var roots = new Dictionary<long, byte[]>();
        for (var batch = 0; batch < 6; batch++)
        {
            await store.AppendAuditBatchAsync([.. Enumerable.Range(batch * 53, 53).Select(Entry)], None);
            var (head, _) = await store.IntegrateAuditAsync(60 + (batch * 7), s_sign, T0, None);
            roots[head.Size] = head.Root;
        }

        var (last, _) = await store.IntegrateAuditAsync(1_000, s_sign, T0, None);
        roots[last.Size] = last.Root;
        for (var i = 0; i < last.Size; i++)
        {
            frontier.Append(MerkleHash.Leaf(Entry(i).Bytes));
        }

        Assert.Equal(318, last.Size);
        Assert.Equal(frontier.Root(), last.Root);
        foreach (var index in new long[] { 0, 1, 15, 16, 17, 255, 256, 300, 317 })
        {
            var proof = await ProveAsync(store, MerkleProofs.InclusionPath(index, last.Size));
            Assert.True(MerkleProofs.VerifyInclusion(MerkleHash.Leaf(Entry((int)index).Bytes), index, last.Size, proof, last.Root));
        }

        foreach (var (size, root) in roots.Where(r => r.Key > 0 && r.Key < last.Size))
        {
            var proof = await ProveAsync(store, MerkleProofs.ConsistencyPath(size, last.Size));
            Assert.True(MerkleProofs.VerifyConsistency(size, last.Size, proof, root, last.Root));
        }
    }

    [Fact]
    public async Task AppendBatch_KeepsTheOrderOfItsEntries_AndABadEntryWritesNothing()
    {
        var store = await OpenAsync();
        await store.AppendAuditAsync(Entry(0), None);

        var tickets = await store.AppendAuditBatchAsync([Entry(1), Entry(2), Entry(3)], None);
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAuditBatchAsync([Entry(4), new NewAuditEntry("decision", null, [])], None));
        var (head, _) = await store.IntegrateAuditAsync(100, s_sign, T0, None);

        Assert.Equal(tickets.Order(), tickets);
        Assert.Equal(4, head.Size);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(i, await store.GetAuditIndexAsync(tickets[i - 1], None));
            Assert.Equal(Entry(i).Bytes, (await store.GetAuditEntryAsync(i, None))!.Bytes);
        }
    }

    [Fact]
    public async Task Nodes_GiveInclusionAndConsistencyProofsThatVerify()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 7; i++)
        {
            await store.AppendAuditAsync(Entry(i), None);
        }

        var (old, _) = await store.IntegrateAuditAsync(100, s_sign, T0, None);
        for (var i = 7; i < 13; i++)
        {
            await store.AppendAuditAsync(Entry(i), None);
        }

        var (head, _) = await store.IntegrateAuditAsync(100, s_sign, T0, None);

        for (var index = 0; index < 13; index++)
        {
            var proof = await ProveAsync(store, MerkleProofs.InclusionPath(index, 13));
            Assert.True(MerkleProofs.VerifyInclusion(MerkleHash.Leaf(Entry(index).Bytes), index, 13, proof, head.Root));
        }

        var consistency = await ProveAsync(store, MerkleProofs.ConsistencyPath(7, 13));
        Assert.True(MerkleProofs.VerifyConsistency(7, 13, consistency, old.Root, head.Root));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAuditNodesAsync([new TreeNode(4, 0)], None));
    }

    [Fact]
    public async Task PlacementAndPosting_AppendTheirEntriesWithThemselves()
    {
        var store = await OpenAsync();
        var job = await PlacedAsync(store, "cn-sh-1", "acme");
        var topUp = Postings.TopUp("acme", 1_000, "CNY", "CNY", 1m, "wire");
        var posted = await store.PostAsync(topUp, null, T0.AddSeconds(5), None);

        var (head, _) = await store.IntegrateAuditAsync(100, s_sign, T0, None);

        Assert.Equal(2, head.Size);
        var placement = (await store.GetAuditEntryAsync(0, None))!;
        Assert.Equal((AuditKinds.Placement, "acme"), (placement.Kind, placement.Tenant));
        Assert.Equal(
            $"{{\"kind\":\"placement\",\"at\":\"2026-05-01T08:00:01.000000Z\",\"job\":{job.Id},\"site\":\"cn-sh-1\",\"tenant\":\"acme\"}}",
            Encoding.UTF8.GetString(placement.Bytes));
        var posting = (await store.GetAuditEntryAsync(1, None))!;
        var lines = topUp.Lines.OrderBy(l => l.Account, StringComparer.Ordinal).ThenBy(l => l.Currency, StringComparer.Ordinal).ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(AuditLeaf.PostingContent(topUp, lines, T0.AddSeconds(5))));
        Assert.Equal((AuditKinds.Posting, "acme"), (posting.Kind, posting.Tenant));
        Assert.Equal(
            $"{{\"kind\":\"posting\",\"at\":\"2026-05-01T08:00:05.000000Z\",\"tenant\":\"acme\",\"sha256\":\"{hash}\",\"posting\":{posted.PostingId}}}",
            Encoding.UTF8.GetString(posting.Bytes));
    }

    [Fact]
    public async Task RecordedDecision_AppendsItsBytesWithItself_AndARefusedOneAppendsNothing()
    {
        var store = await OpenAsync();
        var decision = new DecisionRecord(0, T0, "acme", "transfer", "allow", 2026, 60_000, 10, "{\"rule\":\"CN-4\"}");
        Assert.True(await store.AddDecisionAsync(decision, new ExportCounter(0, 0), None));
        Assert.False(await store.AddDecisionAsync(decision with { Body = "{\"rule\":\"stale\"}" }, new ExportCounter(0, 0), None));

        var (head, _) = await store.IntegrateAuditAsync(100, s_sign, T0, None);

        Assert.Equal(1, head.Size);
        var entry = (await store.GetAuditEntryAsync(0, None))!;
        Assert.Equal((AuditKinds.Decision, "acme", "{\"rule\":\"CN-4\"}"), (entry.Kind, entry.Tenant, Encoding.UTF8.GetString(entry.Bytes)));
    }

    [Fact]
    public async Task FailedPlacement_AppendsNothing()
    {
        var store = await OpenAsync();
        var job = await store.SubmitAsync(Job(), T0, None);

        Assert.False(await store.PlaceAsync(PlacementOf(job.Id), job.Fence + 5, T0, None));

        Assert.Equal(0, (await store.IntegrateAuditAsync(100, s_sign, T0, None)).Head.Size);
    }

    [Fact]
    public async Task Reopened_GoesOnFromTheStoredTree_AndADamagedTreeIsRefused()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 6; i++)
        {
            await store.AppendAuditAsync(Entry(i), None);
        }

        await store.IntegrateAuditAsync(100, s_sign, T0, None);
        await store.DisposeAsync();
        var reopened = await OpenAsync();
        await reopened.AppendAuditAsync(Entry(6), None);

        var (head, _) = await reopened.IntegrateAuditAsync(100, s_sign, T0, None);
        Assert.Equal(Root(Enumerable.Range(0, 7).Select(i => Entry(i).Bytes)), head.Root);

        // Leaf 6 is the smallest subtree on the right edge of the tree of 7: give it leaf 5's bytes.
        await ExecuteSqlAsync("UPDATE audit_entries SET body = (SELECT body FROM audit_entries WHERE idx = 5) WHERE idx = 6");
        await reopened.AppendAuditAsync(Entry(7), None);
        await Assert.ThrowsAnyAsync<Exception>(() => reopened.IntegrateAuditAsync(100, s_sign, T0, None));
        Assert.Equal(7, (await reopened.GetAuditHeadAsync(None))!.Size);
    }

    [Fact]
    public async Task Key_TheFirstCandidateStays()
    {
        var store = await OpenAsync();

        Assert.Null(await store.GetAuditKeyAsync(None));
        var first = await store.GetOrAddAuditKeyAsync([1, 2, 3], T0, None);
        var second = await store.GetOrAddAuditKeyAsync([4, 5, 6], T0, None);

        Assert.Equal(new byte[] { 1, 2, 3 }, first);
        Assert.Equal(first, second);
        Assert.Equal(first, await store.GetAuditKeyAsync(None));
    }

    [Fact]
    public async Task Append_Bounded_RefusesAnEmptyOrOversizedEntry()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAuditAsync(new NewAuditEntry("decision", null, []), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAuditAsync(new NewAuditEntry("decision", null, new byte[AuditLeaf.MaxBytes + 1]), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAuditAsync(new NewAuditEntry(new string('k', 41), null, [1]), None));
    }

    private static NewAuditEntry Entry(int i) => new("decision", "acme", Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));

    private static byte[] Root(IEnumerable<byte[]> entries)
    {
        var frontier = new MerkleFrontier();
        foreach (var bytes in entries)
        {
            frontier.Append(MerkleHash.Leaf(bytes));
        }

        return frontier.Root();
    }

    private static async Task<byte[][]> ProveAsync(IStore store, List<NodeRange> path)
    {
        var proof = new List<byte[]>();
        foreach (var range in path)
        {
            proof.Add(MerkleHash.Fold(await store.GetAuditNodesAsync(range.Subtrees(), None)));
        }

        return [.. proof];
    }
}
