using Suanwang.Bench.Common;
using Suanwang.Bench.Placement;
using Suanwang.Bench.Replay;

namespace Suanwang.Bench;

/// <summary><c>all</c>: the quick version of every benchmark (one run per configuration), then one markdown summary.</summary>
public static class AllCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var machine = Machine.Current();
        Console.WriteLine($"machine: {machine.Describe()}");
        Console.WriteLine();
        var placement = PlacementCommand.Quick(PlacementQuick.Sizes);
        Console.WriteLine();
        var philly = PhillyCommand.Measure(Commands.Positional(args), runs: 1);
        Console.WriteLine();
        var synthetic = SyntheticCommand.Measure(runs: 1);

        Console.WriteLine();
        Console.WriteLine("## Machine");
        Console.WriteLine();
        Console.WriteLine(machine.ToTable());
        Console.WriteLine("## Placement (quick)");
        Console.WriteLine();
        Console.WriteLine(PlacementCommand.Table(placement));
        Console.WriteLine("## Philly replay");
        Console.WriteLine();
        Console.WriteLine(PhillyCommand.Table(philly));
        Console.WriteLine("## Synthetic 1,000,000 jobs over 1,000 sites");
        Console.WriteLine();
        Console.WriteLine(SyntheticCommand.Table(synthetic));
        return 0;
    }
}
