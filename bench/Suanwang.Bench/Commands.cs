using Suanwang.Bench.Law;
using Suanwang.Bench.Placement;
using Suanwang.Bench.Quotes;
using Suanwang.Bench.Replay;

namespace Suanwang.Bench;

/// <summary>Dispatches the subcommands (see <see cref="Usage"/>) and the internal child runs.</summary>
public static class Commands
{
    public const string Usage = "usage: Suanwang.Bench placement [--quick [--sites N] | --profile [--sites N]] | quote [--sites N] | philly [PHILLY.csv] [--runs N] | synthetic [--runs N] [--jobs N] | law [RULES_DIR] | all [PHILLY.csv]";

    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var rest = args[1..];
        return args[0] switch
        {
            ChildProcess.Flag => ChildCommand.Run(rest),
            "placement" when rest.Contains("--profile") => PlacementProfile.Run(Option(rest, "--sites") ?? PlacementCommand.TargetSites),
            "placement" => PlacementCommand.Run(quick: rest.Contains("--quick"), Option(rest, "--sites")),
            "quote" => QuoteCommand.Run(Option(rest, "--sites")),
            "philly" => PhillyCommand.Run(rest),
            "synthetic" => SyntheticCommand.Run(rest),
            "law" => LawCommand.Run(Positional(rest)),
            "all" => AllCommand.Run(rest),
            _ => Unknown(args[0]),
        };
    }

    /// <summary>The integer after <paramref name="name"/>, or null when the option is absent.</summary>
    public static int? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new ArgumentException($"{name} takes a whole number, not '{args[i + 1]}'", nameof(args));
            }
        }

        return null;
    }

    /// <summary>The first argument that is neither an option nor an option's value, or null.</summary>
    public static string? Positional(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            return args[i];
        }

        return null;
    }

    private static int Unknown(string name)
    {
        Console.Error.WriteLine($"unknown benchmark '{name}'");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
