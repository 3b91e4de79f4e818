using Suanwang.ControlPlane.Tokens;
using Suanwang.Storage.Tokens;

namespace Suanwang.Server.Tests.Gateway;

/// <summary>The usage journal on its own: what a stopped process leaves is replayed once, torn tails are dropped, done segments go.</summary>
public sealed class UsageJournalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "suanwang-journal-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static TokenUsageRecord Usage(int completion, string outcome = "ok") => new(
        new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), "acme", "key-1", "fake", "cn-a", "owner-of-cn-a",
        10, 2, completion, 12.5, 40.25, outcome, "CNY", (10 * 1_000_000) + (completion * 3_000_000L))
    {
        RecordId = UsageJournal.NewRecordId(),
    };

    [Fact]
    public void RecordsNotCommitted_AreReplayedByTheNextOpen_ExactlyAsWritten()
    {
        var first = Usage(1);
        var second = Usage(2) with { RecordId = UsageJournal.NewRecordId(), Tenant = "租户-b" };
        using (var journal = UsageJournal.Open(_folder))
        {
            journal.Append(first);
            journal.Append(second);
            Assert.Equal(2, journal.Backlog);
        }

        using var reopened = UsageJournal.Open(_folder);

        Assert.Equal([first, second], reopened.Replayed);
        Assert.Equal(2, reopened.Backlog);
    }

    [Fact]
    public void CommittedRecords_AreNotReplayed_AndTheirSegmentsAreDeleted()
    {
        using (var journal = UsageJournal.Open(_folder, segmentBytes: 200))
        {
            for (var i = 0; i < 5; i++)
            {
                journal.Append(Usage(i));
            }

            var entries = new List<JournalEntry>();
            while (journal.Pending.TryRead(out var entry))
            {
                entries.Add(entry);
            }

            journal.Committed(entries[..4]);
            Assert.Equal(1, journal.Backlog);
        }

        using var reopened = UsageJournal.Open(_folder);

        Assert.Equal(4, Assert.Single(reopened.Replayed).CompletionTokens);
        // The reopened journal's own segment and the one that still holds the fifth record.
        Assert.Equal(2, Directory.GetFiles(_folder, "usage-*.journal").Length);
    }

    [Fact]
    public void ATornTail_IsDropped_AndTheRecordsBeforeItAreReplayed()
    {
        var whole = Usage(1);
        using (var journal = UsageJournal.Open(_folder))
        {
            journal.Append(whole);
            journal.Append(Usage(2));
        }

        var segment = Assert.Single(Directory.GetFiles(_folder, "usage-*.journal"));
        var bytes = File.ReadAllBytes(segment);
        File.WriteAllBytes(segment, bytes[..^7]);

        using var reopened = UsageJournal.Open(_folder);

        Assert.Equal([whole], reopened.Replayed);
    }

    [Fact]
    public void AFlippedByte_FailsTheChecksum_AndEndsTheSegment()
    {
        using (var journal = UsageJournal.Open(_folder))
        {
            journal.Append(Usage(1));
        }

        var segment = Assert.Single(Directory.GetFiles(_folder, "usage-*.journal"));
        var bytes = File.ReadAllBytes(segment);
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(segment, bytes);

        using var reopened = UsageJournal.Open(_folder);

        Assert.Empty(reopened.Replayed);
    }

    [Fact]
    public void AStreamStoppedMidway_IsReplayedAsCut_ForWhatItHadDelivered()
    {
        var stream = Usage(3);
        using (var journal = UsageJournal.Open(_folder))
        {
            var progress = journal.WriteProgress(stream with { CompletionTokens = 1 }, null);
            journal.WriteProgress(stream, progress);
            Assert.Equal(0, journal.Backlog);
        }

        using var reopened = UsageJournal.Open(_folder);

        Assert.Equal([stream with { Outcome = "cut" }], reopened.Replayed);
    }

    [Fact]
    public void AStreamThatEnded_IsReplayedOnce_AsItsFinalRecord()
    {
        var stream = Usage(8);
        using (var journal = UsageJournal.Open(_folder))
        {
            var progress = journal.WriteProgress(stream with { CompletionTokens = 2, Outcome = "cut" }, null);
            journal.Finish(stream, progress);
        }

        using var reopened = UsageJournal.Open(_folder);

        Assert.Equal([stream], reopened.Replayed);
    }

    [Fact]
    public void ASecondProcessOnTheSameFolder_IsRefused()
    {
        using var journal = UsageJournal.Open(_folder);

        var refused = Assert.Throws<IOException>(() => UsageJournal.Open(_folder));

        Assert.Contains("in use by another process", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AJournalWithNothingLeft_LeavesNoFilesBehind()
    {
        using (var journal = UsageJournal.Open(_folder))
        {
            journal.Append(Usage(1));
            var entries = new List<JournalEntry>();
            while (journal.Pending.TryRead(out var entry))
            {
                entries.Add(entry);
            }

            journal.Committed(entries);
        }

        Assert.False(Directory.Exists(_folder));
    }
}
