using System.Globalization;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;
using Suanwang.Simulation;
using Suanwang.Simulation.Synthetic;
using Suanwang.Simulation.Traces;

namespace Suanwang.Bench.Replay;

/// <summary>
/// The child side of <see cref="ChildProcess"/>: <c>--child philly TRACE NETWORK POLICY OBJECTIVE</c>
/// or <c>--child synthetic POLICY JOBS ARRIVALS_PER_HOUR SITES TENANTS SEED</c>; prints one result line.
/// </summary>
public static class ChildCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var figures = args[0] switch
        {
            "philly" => ReplayRun.Measure(
                () => (NetworkReader.Parse(File.ReadAllText(args[2]), args[2], AcceleratorCatalog.Default), TraceFile.Read(args[1], "philly")),
                new SimulationOptions(Policy: args[3], Objective: args[4])),
            "synthetic" => ReplayRun.Measure(
                () => (SyntheticNetwork.Create(Int(args[4]), Int(args[6])), SyntheticTrace.Create(Int(args[2]), Double(args[3]), Int(args[5]), Int(args[6]))),
                new SimulationOptions(Policy: args[1], Seed: Int(args[6]))),
            _ => throw new ArgumentException($"unknown child run '{args[0]}'", nameof(args)),
        };

        Console.WriteLine(figures.ToLine());
        return 0;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
