namespace Suanwang.Simulation.Tokens;

/// <summary>Prefill, decode and the end of a request at a replica.</summary>
public sealed partial class TokenSimulator
{
    private const int PrefillDone = 0;
    private const int DecodeCheck = 1;

    private void Handle(int kind, int target, long version)
    {
        if (kind == PrefillDone)
        {
            _eventCount++;
            Prefilled(target);
            return;
        }

        var run = _runs[target];
        if (version != run.Version)
        {
            return;
        }

        _eventCount++;
        run.Advance(_now);
        while (run.TryFinish(out var request))
        {
            Finish(run, request);
        }

        ScheduleDecode(run, target);
    }

    // A prompt's cached leading blocks skip prefill; at least its last token is computed, as
    // vLLM and SGLang do, to produce the first output token.
    private void StartPrefill(EndpointRun run, int i)
    {
        var blocks = _trace.Blocks(i).Span;
        var hits = 0;
        while (hits < blocks.Length && run.Cache.OwnerOf(blocks[hits]) >= 0)
        {
            hits++;
        }

        foreach (var hash in blocks)
        {
            run.Cache.Record(hash, 0);
        }

        var input = _trace.Input[i];
        var cached = Math.Min((long)hits * 512, Math.Max(0, input - 1));
        _cachedTokens += cached;
        var start = Math.Max(_now, run.PrefillFreeAt);
        run.PrefillFreeAt = start + ((input - cached) * run.Hardware.PrefillSecondsPerToken);
        run.Occupied++;
        Push(run.PrefillFreeAt, PrefillDone, i, 0);
    }

    private void Prefilled(int i)
    {
        _firstTokenAt[i] = _now;
        var run = _runs[_endpointOf[i]];
        var remaining = _trace.Output[i] - 1;
        if (remaining <= 0)
        {
            Finish(run, i);
            return;
        }

        run.Advance(_now);
        run.StartDecode(i, remaining);
        ScheduleDecode(run, _endpointOf[i]);
    }

    private void ScheduleDecode(EndpointRun run, int index)
    {
        var at = run.NextFinish();
        if (!double.IsPositiveInfinity(at))
        {
            Push(Math.Max(at, _now), DecodeCheck, index, run.Version);
        }
    }

    private void Finish(EndpointRun run, int i)
    {
        var arrival = _trace.Arrival[i];
        _ttft[i] = _firstTokenAt[i] - arrival;
        _e2e[i] = _now - arrival;
        _ended++;
        var output = _trace.Output[i];
        var endpoint = run.Endpoint;
        var perToken = output > 1 ? (_now - _firstTokenAt[i]) / (output - 1) : run.Hardware.DecodeStepSeconds(1);
        _router.Completed(endpoint, _firstTokenAt[i] - _dispatchAt[i], perToken);
        _cost += ((_trace.Input[i] * endpoint.InputPricePerMillion) + (output * endpoint.OutputPricePerMillion)) * endpoint.RateToBase / 1_000_000m;
        run.Served++;
        run.Occupied--;
        run.Leave(_now);
        if (run.Waiting.Count > 0)
        {
            StartPrefill(run, run.Waiting.Dequeue());
            endpoint.QueueDepth = run.Waiting.Count;
        }

        DrainGateway();
    }

    private void DrainGateway()
    {
        while (_gateway.Count > 0)
        {
            var outcome = TryDispatch(_gateway.Peek());
            if (outcome == Scheduling.Tokens.RouteOutcome.AllBusy)
            {
                return;
            }

            var i = _gateway.Dequeue();
            if (outcome != Scheduling.Tokens.RouteOutcome.Routed)
            {
                Refuse(i);
            }
        }
    }
}
