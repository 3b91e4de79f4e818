using Suanwang.Core.Jobs;
namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="Logs.ILogStore"/> must do.</summary>
public abstract class LogStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task AppendLog_SameOffsetTwice_KeepsTheFirstChunk()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);

        Assert.True(await store.AppendLogAsync(job.Id, job.Fence, 0, "epoch 1\n", None));
        Assert.True(await store.AppendLogAsync(job.Id, job.Fence, 0, "epoch 1\n", None));

        var chunk = Assert.Single(await store.ReadLogAsync(job.Id, 0, 1 << 20, None));
        Assert.Equal(0, chunk.Offset);
        Assert.Equal("epoch 1\n", chunk.Text);
        Assert.Equal(job.Id, chunk.JobId);
    }

    [Fact]
    public async Task AppendLog_StaleFence_IsRefused()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);

        Assert.False(await store.AppendLogAsync(job.Id, job.Fence - 1, 0, "from the old run\n", None));
        Assert.False(await store.AppendLogAsync(424242, 0, 0, "no such job\n", None));

        Assert.Empty(await store.ReadLogAsync(job.Id, 0, 1 << 20, None));
    }

    [Fact]
    public async Task ReadLog_FromOffset_ReturnsLaterChunksInOrder()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);
        // Out of order, as retries may deliver them; multi-byte text counts bytes, not characters.
        Assert.True(await store.AppendLogAsync(job.Id, job.Fence, 10, "算网\n", None));
        Assert.True(await store.AppendLogAsync(job.Id, job.Fence, 0, "0123456789", None));
        Assert.True(await store.AppendLogAsync(job.Id, job.Fence, 17, "done\n", None));

        var all = await store.ReadLogAsync(job.Id, 0, 1 << 20, None);
        var later = await store.ReadLogAsync(job.Id, 10, 1 << 20, None);
        var past = await store.ReadLogAsync(job.Id, 22, 1 << 20, None);

        Assert.Equal([0L, 10L, 17L], all.Select(c => c.Offset));
        Assert.Equal("0123456789算网\ndone\n", string.Concat(all.Select(c => c.Text)));
        Assert.Equal([10L, 17L], later.Select(c => c.Offset));
        Assert.Empty(past);
    }

    [Fact]
    public async Task ReadLog_MaxBytes_StopsBeforeTheLimitButReturnsAtLeastOneChunk()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await store.AppendLogAsync(job.Id, job.Fence, i * 100, new string('x', 100), None));
        }

        var page = await store.ReadLogAsync(job.Id, 0, 350, None);
        var next = await store.ReadLogAsync(job.Id, 300, 350, None);
        var small = await store.ReadLogAsync(job.Id, 0, 10, None);

        Assert.Equal([0L, 100L, 200L], page.Select(c => c.Offset));
        Assert.Equal([300L, 400L, 500L], next.Select(c => c.Offset));
        Assert.Equal([0L], small.Select(c => c.Offset));
    }

    [Fact]
    public async Task AppendLog_AfterTheRunFinished_IsKeptForTheSameFence()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);
        Assert.True(await store.FinishAsync(job.Id, job.Fence, Core.Jobs.JobState.Succeeded, 0, 1, null, T0.AddMinutes(1), None));

        Assert.True(await store.AppendLogAsync(job.Id, job.Fence, 0, "last words\n", None));

        Assert.Single(await store.ReadLogAsync(job.Id, 0, 100, None));
    }
}
