// Gateway overhead: latency and throughput of chat completions sent straight to a fast fake
// OpenAI-compatible upstream (a child process), through Portkey's open-source gateway, and
// through a Suanwang gateway, in one run against the same upstream (docs/studies/gateway-overhead.md):
//
//   dotnet run -c Release --project bench/Suanwang.Gateway.Bench -- [--concurrency 1,64] [--rate N] [--seconds 10] [--warmup 3]
//       [--rounds 1] [--stream] [--relay] [--upstream-port N] [--gateway URL --api-key KEY [--gateway-pid PID]] [--no-portkey] [--portkey-dir DIR]
//
//   dotnet run -c Release --project bench/Suanwang.Gateway.Bench -- upstream [--port N] [--model NAME] [--id ID]
//       runs the fake upstream alone until Ctrl-C, to point a gateway at by hand;
//   ... -- relay --upstream URL [--port N]
//       runs the minimal ASP.NET Core relay alone (--relay adds it to the targets of a run).
using Suanwang.Benchmarks;
using System.Globalization;
using Suanwang.Gateway.Bench;

if (args.Length > 0 && args[0] == "upstream")
{
    return await FakeUpstream.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "relay")
{
    return await BenchRelay.RunAsync(args[1..]);
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

Console.WriteLine(Machine.Describe());
// A fresh completion id per run proves that an answer through a gateway came from this run's upstream.
var completionId = FakeUpstream.CompletionId + "-" + Guid.NewGuid().ToString("N")[..12];
ChildProcess upstream;
Uri upstreamUrl;
try
{
    (upstream, upstreamUrl) = await BenchProcess.StartUpstreamAsync(options.Model, options.UpstreamPort, completionId);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

var started = new List<ChildProcess> { upstream };
try
{
    Console.WriteLine($"fake upstream: {upstreamUrl} (pid {upstream.Id})");
    var upstreamCpu = ProcessCpu.Of(upstream.Id);
    var targets = new List<Target> { new(Report.Direct, upstreamUrl, [new("Authorization", "Bearer sk-bench-unused")], options.Model, upstreamCpu) };
    if (options.NoPortkey)
    {
        Console.WriteLine("Portkey: left out (--no-portkey)");
    }
    else if (await PortkeyGateway.TryStartAsync(options.PortkeyFolder, upstreamUrl, options.Model, Console.Out) is var (portkeyProcess, portkey, nodePid))
    {
        started.Add(portkeyProcess);
        Console.WriteLine($"Portkey {PortkeyGateway.Version}: {portkey.BaseUrl} (node pid {nodePid})");
        targets.Add(portkey);
    }

    if (options.Relay)
    {
        try
        {
            var (relayProcess, relayUrl) = await BenchProcess.StartRelayAsync(upstreamUrl);
            started.Add(relayProcess);
            Console.WriteLine($"relay: {relayUrl} (pid {relayProcess.Id})");
            targets.Add(new Target(Report.Relay, relayUrl, [new("Authorization", "Bearer sk-bench-unused")], options.Model, ProcessCpu.Of(relayProcess.Id)));
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"relay: left out, {e.Message}");
        }
    }

    if (options.GatewayUrl is { } gatewayUrl)
    {
        targets.Add(new Target(
            "gateway",
            Target.Base(gatewayUrl),
            [new("Authorization", "Bearer " + options.ApiKey)],
            options.Model,
            options.GatewayPid is { } pid ? ProcessCpu.Of(pid) : null));
        Console.WriteLine($"gateway: {gatewayUrl}" + (options.GatewayPid is { } p ? $" (pid {p})" : " (no --gateway-pid: its CPU time is not read)"));
    }
    else if (await SuanwangGateway.TryStartAsync(upstreamUrl, options.Model, Console.Out) is var (suanwangProcess, suanwang))
    {
        started.Add(suanwangProcess);
        targets.Add(suanwang);
    }

    foreach (var target in targets.ToList())
    {
        if (await Verifier.CheckAsync(target, options.Stream, completionId) is { } problem)
        {
            // Portkey 1.15.2 on Node.js fails every stream with TypeError: immutable (docs/studies/gateway-overhead.md).
            var known = options.Stream && target.Name.StartsWith("portkey", StringComparison.Ordinal)
                ? " (Portkey 1.15.2 cannot relay streams on Node.js: it logs TypeError: immutable)"
                : "";
            Console.WriteLine($"{target.Name}: left out, {problem}{known}");
            targets.Remove(target);
        }
    }

    if (!targets.Any(t => t.Name == Report.Direct))
    {
        Console.Error.WriteLine("the fake upstream does not answer as it should; nothing measured");
        return 1;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(options.Stream ? "streaming" : "non-streaming")} chat completions, {(options.Rate is { } rate ? $"open loop at {rate:0.#} requests/s" : "closed loop")}; {options.Warmup:0.#} s warm-up and {options.Seconds:0.#} s measured per target and concurrency; {options.Rounds} round(s)"));
    Console.WriteLine();
    var all = new List<Report.Figures>();
    for (var round = 1; round <= options.Rounds; round++)
    {
        var figures = new List<Report.Figures>();
        foreach (var concurrency in options.Concurrency)
        {
            foreach (var target in targets)
            {
                var result = await LoadGenerator.RunAsync(target, concurrency, options.Rate, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), options.Stream, upstreamCpu);
                if (result.FirstError is { } error)
                {
                    Console.WriteLine($"{target.Name} at concurrency {concurrency}: {result.Errors} failed requests, the first: {error}");
                }

                figures.Add(Report.Figures.From(result));
            }
        }

        Console.WriteLine($"round {round} of {options.Rounds}, load average {Machine.LoadAverage()}:");
        Console.WriteLine();
        Console.Write(Report.Markdown(figures));
        all.AddRange(figures);
    }

    if (options.Rounds > 1)
    {
        var medians = all.GroupBy(f => (f.Concurrency, f.Target)).Select(g => Report.Figures.Median([.. g])).ToList();
        Console.WriteLine($"medians over {options.Rounds} rounds:");
        Console.WriteLine();
        Console.Write(Report.Markdown(medians));
    }

    Console.WriteLine($"load average at the end: {Machine.LoadAverage()}");
    return 0;
}
finally
{
    foreach (var child in started)
    {
        await child.DisposeAsync();
    }
}
