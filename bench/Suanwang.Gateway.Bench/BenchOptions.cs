using System.Globalization;

namespace Suanwang.Gateway.Bench;

/// <summary>Command-line options of the overhead run.</summary>
internal sealed record BenchOptions
{
    /// <summary>The usage line.</summary>
    public const string Usage =
        "usage: Suanwang.Gateway.Bench [--concurrency 1,64] [--rate N] [--seconds 10] [--warmup 3] [--rounds 1] [--stream] [--relay] [--model fake] [--upstream-port N]\n" +
        "                              [--gateway URL --api-key KEY [--gateway-pid PID]] [--no-portkey] [--portkey-dir DIR]\n" +
        "       Suanwang.Gateway.Bench upstream [--port N] [--model NAME] [--id ID]\n" +
        "       Suanwang.Gateway.Bench relay --upstream URL [--port N]";

    /// <summary>Closed-loop concurrencies, each measured against every target.</summary>
    public int[] Concurrency { get; init; } = [1, 64];

    /// <summary>Requests per second all loops together send, each loop on its own schedule (open loop); null: each loop sends its next request as soon as the last is answered (closed loop).</summary>
    public double? Rate { get; init; }

    /// <summary>Measured seconds per target and concurrency.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>Warm-up seconds before each measured period.</summary>
    public double Warmup { get; init; } = 3;

    /// <summary>Times the whole sweep is repeated; with more than one, the medians are reported too.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Whether requests ask for SSE streams instead of one JSON answer.</summary>
    public bool Stream { get; init; }

    /// <summary>Whether the bench's minimal ASP.NET Core relay is measured too, as the floor for a .NET gateway.</summary>
    public bool Relay { get; init; }

    /// <summary>The model the upstream serves and the requests name.</summary>
    public string Model { get; init; } = "fake";

    /// <summary>The fake upstream's port, so that a gateway can be pointed at it before the run; 0 takes a free one.</summary>
    public int UpstreamPort { get; init; }

    /// <summary>A running gateway to measure: its base URL (up to and including <c>/v1</c>).</summary>
    public string? GatewayUrl { get; init; }

    /// <summary>The bearer token for <see cref="GatewayUrl"/>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The process serving <see cref="GatewayUrl"/>, for its CPU time per request.</summary>
    public int? GatewayPid { get; init; }

    /// <summary>Whether Portkey is left out.</summary>
    public bool NoPortkey { get; init; }

    /// <summary>Where Portkey is installed (a cache folder outside the repository).</summary>
    public string PortkeyFolder { get; init; } = PortkeyGateway.DefaultFolder();

    /// <summary>The options, or null after a line on standard error naming what is wrong.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--concurrency": o = o with { Concurrency = [.. Next().Split(',').Select(s => Bounded("--concurrency", int.Parse(s, CultureInfo.InvariantCulture), 1, 1024))] }; break;
                    case "--rate": o = o with { Rate = Bounded("--rate", double.Parse(Next(), CultureInfo.InvariantCulture), 1, 1_000_000) }; break;
                    case "--seconds": o = o with { Seconds = Bounded("--seconds", double.Parse(Next(), CultureInfo.InvariantCulture), 0.5, 3600) }; break;
                    case "--warmup": o = o with { Warmup = Bounded("--warmup", double.Parse(Next(), CultureInfo.InvariantCulture), 0, 600) }; break;
                    case "--rounds": o = o with { Rounds = Bounded("--rounds", int.Parse(Next(), CultureInfo.InvariantCulture), 1, 100) }; break;
                    case "--stream": o = o with { Stream = true }; break;
                    case "--relay": o = o with { Relay = true }; break;
                    case "--model": o = o with { Model = Next() }; break;
                    case "--upstream-port": o = o with { UpstreamPort = Bounded("--upstream-port", int.Parse(Next(), CultureInfo.InvariantCulture), 0, 65535) }; break;
                    case "--gateway": o = o with { GatewayUrl = Url(Next()) }; break;
                    case "--api-key": o = o with { ApiKey = Next() }; break;
                    case "--gateway-pid": o = o with { GatewayPid = Bounded("--gateway-pid", int.Parse(Next(), CultureInfo.InvariantCulture), 1, int.MaxValue) }; break;
                    case "--no-portkey": o = o with { NoPortkey = true }; break;
                    case "--portkey-dir": o = o with { PortkeyFolder = Path.GetFullPath(Next()) }; break;
                    default: throw new FormatException($"unknown option {args[i]}");
                }
            }
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
        catch (OverflowException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }

        if ((o.GatewayUrl is null) != (o.ApiKey is null))
        {
            Console.Error.WriteLine("--gateway and --api-key go together");
            return null;
        }

        return o;
    }

    private static T Bounded<T>(string name, T value, T min, T max)
        where T : IComparable<T> =>
        value.CompareTo(min) >= 0 && value.CompareTo(max) <= 0 ? value : throw new FormatException($"{name} must be between {min} and {max}");

    private static string Url(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? text
            : throw new FormatException($"--gateway must be an http(s) URL such as http://127.0.0.1:8420/v1, not '{text}'");
}
