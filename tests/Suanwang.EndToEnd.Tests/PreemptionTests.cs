using Suanwang.ControlPlane.Dispatch;
using Suanwang.EndToEnd.Tests.Support;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests;

/// <summary>
/// Preemption and elastic resizing through a real server and agent on local processes: the job
/// gets SIGTERM, writes its checkpoint to SUANWANG_CHECKPOINT_DIR, is queued again and resumes.
/// </summary>
public sealed class PreemptionTests
{
    // A job that counts steps until stopped; run again, it resumes from its checkpoint and ends three steps later.
    private const string Counter = """
        name: e2e-counter
        tenant: admin
        preemptible: true
        grace: 20s
        priority: 0
        resources:
          accelerators: [CPU-core]
          cards: 2
        estimated_runtime: 5m
        run: |
          ck="$SUANWANG_CHECKPOINT_DIR/step"
          if [ -f "$ck" ]; then i=$(cat "$ck"); echo "resumed at step $i"; end=$((i + 3)); else i=0; end=-1; fi
          trap 'echo "$i" >"$ck"; echo "checkpointed at step $i"; exit 0' TERM
          while [ "$end" -lt 0 ] || [ "$i" -lt "$end" ]; do i=$((i + 1)); echo "step $i"; sleep 0.2; done
          echo "done at step $i"
        """;

    private const string Urgent = """
        name: e2e-urgent
        tenant: admin
        priority: 10
        resources:
          accelerators: [CPU-core]
          cards: 2
        estimated_runtime: 1m
        run: echo urgent work done
        """;

    // Starts on one card; told to stop, it checkpoints; on two cards it ends at once.
    private const string Elastic = """
        name: e2e-elastic
        tenant: admin
        grace: 20s
        elastic: {min_cards: 1, max_cards: 2, scaling: {1: 1.0, 2: 1.8}}
        resources:
          accelerators: [CPU-core]
        estimated_runtime: 5m
        run: |
          echo "run on $SUANWANG_CARDS cards"
          if [ "$SUANWANG_CARDS" = 2 ]; then echo "done on 2 cards"; exit 0; fi
          trap 'echo "checkpointed on $SUANWANG_CARDS cards"; exit 0' TERM
          while :; do sleep 0.2; done
        """;

    [Fact]
    public async Task PreemptibleJob_PreemptedByHigherPriority_CheckpointsRequeuesAndResumes()
    {
        var dispatch = new DispatchOptions
        {
            SchedulerInterval = TimeSpan.FromMilliseconds(50),
            PreemptAfter = TimeSpan.Zero,
            ResizeAfter = TimeSpan.FromHours(1),
            StopConfirmSlack = TimeSpan.FromMinutes(5),
        };
        await using var site = await OneSite.StartAsync(dispatch: dispatch);
        var counter = await site.Api.SubmitAsync(Counter);
        await Eventually.TrueAsync(async () => (await site.Api.LogsAsync(counter)).Contains("step 2", StringComparison.Ordinal), "the counter job makes progress");

        var urgent = await site.Api.SubmitAsync(Urgent);

        await site.Api.WaitForStateAsync(urgent, "succeeded", seconds: 120);
        await site.Api.WaitForStateAsync(counter, "succeeded", seconds: 120);
        var log = await site.Api.LogsAsync(counter);
        var checkpointed = System.Text.RegularExpressions.Regex.Match(log, "checkpointed at step ([0-9]+)");
        Assert.True(checkpointed.Success, $"the first run wrote no checkpoint:\n{log}");
        var step = int.Parse(checkpointed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"resumed at step {step}\n", log, StringComparison.Ordinal);
        Assert.Contains($"done at step {step + 3}\n", log, StringComparison.Ordinal);
        Assert.True(log.IndexOf("checkpointed at", StringComparison.Ordinal) < log.IndexOf("resumed at", StringComparison.Ordinal), log);

        var kinds = (await site.Api.EventsAsync(counter)).Select(e => e.Kind).ToList();
        var preempted = kinds.IndexOf("preempted");
        Assert.True(preempted > 0, string.Join(", ", kinds));
        Assert.Equal("requeued", kinds[preempted + 1]);
        Assert.Equal(2, kinds.Count(k => k == "started"));
        Assert.Equal("exited", kinds[^1]);
        var events = await site.Api.EventsAsync(counter);
        Assert.Contains($"preempted for job {urgent}", events[preempted].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElasticJob_OnOneCardOfTwoIdle_GrowsAndItsSecondRunSeesTwoCards()
    {
        var dispatch = new DispatchOptions
        {
            SchedulerInterval = TimeSpan.FromMilliseconds(50),
            PreemptAfter = TimeSpan.FromHours(1),
            ResizeAfter = TimeSpan.FromSeconds(1),
            StopConfirmSlack = TimeSpan.FromMinutes(5),
        };
        await using var site = await OneSite.StartAsync(dispatch: dispatch);

        var id = await site.Api.SubmitAsync(Elastic);

        await site.Api.WaitForStateAsync(id, "succeeded", seconds: 120);
        var log = await site.Api.LogsAsync(id);
        // The shell may note its sleep's SIGTERM ("Terminated") between the lines.
        var first = log.IndexOf("run on 1 cards\n", StringComparison.Ordinal);
        var stopped = log.IndexOf("checkpointed on 1 cards\n", StringComparison.Ordinal);
        var second = log.IndexOf("run on 2 cards\ndone on 2 cards\n", StringComparison.Ordinal);
        Assert.True(first >= 0 && stopped > first && second > stopped, log);
        var events = await site.Api.EventsAsync(id);
        Assert.Contains(events, e => e.Kind == "preempted" && e.Message.Contains("resized from 1 to 2 cards", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == "requeued");
    }
}
