using Suanwang.Agent.Journal;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Tests.Journal;

public sealed class RunJournalTests : IDisposable
{
    private static readonly DateTimeOffset s_at = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _work = new();

    public void Dispose() => _work.Dispose();

    private static Assignment Job(long job, long fence) => new(job, fence, "n", "true", 1, 1, "0", null);

    [Fact]
    public async Task Entries_SurviveReopening()
    {
        await using (var journal = await RunJournal.OpenAsync(_work.Path, CancellationToken.None))
        {
            await journal.AppendAsync(new JournalEntry(JournalEntry.Starting, 1, 2, s_at, Assignment: Job(1, 2)), CancellationToken.None);
            await journal.AppendAsync(new JournalEntry(JournalEntry.Started, 1, 2, s_at.AddSeconds(1), Handle: "123:456"), CancellationToken.None);
            await journal.AppendAsync(new JournalEntry(JournalEntry.Ended, 1, 2, s_at.AddSeconds(9), ExitCode: 0, AcceleratorSeconds: 8), CancellationToken.None);
        }

        await using var reopened = await RunJournal.OpenAsync(_work.Path, CancellationToken.None);

        var record = reopened.Records[new RunKey(1, 2)];
        Assert.True(reopened.Contains(new RunKey(1, 2)));
        Assert.False(reopened.Contains(new RunKey(1, 3)));
        Assert.Equal(Job(1, 2), record.Assignment);
        Assert.Equal(("123:456", s_at.AddSeconds(1)), (record.Handle, record.StartedAt));
        Assert.Equal(0, record.Ended!.ExitCode);
        Assert.False(record.Closed);
    }

    [Fact]
    public async Task TornLastLine_IsDroppedAndTheJournalStaysUsable()
    {
        await using (var journal = await RunJournal.OpenAsync(_work.Path, CancellationToken.None))
        {
            await journal.AppendAsync(new JournalEntry(JournalEntry.Starting, 1, 1, s_at, Assignment: Job(1, 1)), CancellationToken.None);
        }

        var path = Path.Combine(_work.Path, RunJournal.FileName);
        await File.AppendAllTextAsync(path, """{"event":"starting","job":2,"fen""");

        await using (var journal = await RunJournal.OpenAsync(_work.Path, CancellationToken.None))
        {
            Assert.Equal([new RunKey(1, 1)], journal.Records.Keys);
            await journal.AppendAsync(new JournalEntry(JournalEntry.Starting, 3, 1, s_at, Assignment: Job(3, 1)), CancellationToken.None);
        }

        await using var last = await RunJournal.OpenAsync(_work.Path, CancellationToken.None);
        Assert.Equal([new RunKey(1, 1), new RunKey(3, 1)], last.Records.Keys.OrderBy(k => k.Job));
    }

    [Fact]
    public async Task Lines_AreJsonInTheProtocolsConventions()
    {
        await using (var journal = await RunJournal.OpenAsync(_work.Path, CancellationToken.None))
        {
            await journal.AppendAsync(new JournalEntry(JournalEntry.Closed, 4, 5, s_at), CancellationToken.None);
        }

        var text = await File.ReadAllTextAsync(Path.Combine(_work.Path, RunJournal.FileName));

        Assert.Equal("{\"event\":\"closed\",\"job\":4,\"fence\":5,\"at\":\"2025-03-01T08:00:00+00:00\"}\n", text);
    }
}
