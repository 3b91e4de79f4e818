using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Hosting;

/// <summary>Site and job texts the tests register and submit.</summary>
public static class Specs
{
    public static string Site(string id, string model = "Ascend-910B", int cardsPerNode = 8, int nodes = 1, string jurisdiction = "CN", decimal price = 10) => $"""
        id: {id}
        owner: Test Compute
        jurisdiction: {jurisdiction}
        tier: core
        carbon: 500
        pools:
          - {"{"} model: {model}, cards_per_node: {cardsPerNode}, nodes: {nodes}, price: {price} {"}"}
        """;

    public static string Job(string tenant, string name = "train", string model = "Ascend-910B", int cards = 2, string run = "echo hello") => $"""
        name: {name}
        tenant: {tenant}
        run: {run}
        resources:
          accelerators: [{model}]
          cards: {cards}
        estimated_runtime: 1h
        """;

    /// <summary>A job text parsed as admission parses it, ready for the store; <paramref name="priority"/> is added to the text when not 0.</summary>
    public static NewJob NewJob(string text, int priority = 0, string? pinnedSite = null)
    {
        var full = priority == 0 ? text : text + $"\npriority: {priority}";
        return new NewJob(JobSpecReader.Parse(full, "test", AcceleratorCatalog.Default), full, pinnedSite);
    }
}
