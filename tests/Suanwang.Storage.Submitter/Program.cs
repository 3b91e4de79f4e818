// Submits jobs to a SQLite store from several concurrent loops until killed, printing the id of
// each job after SubmitAsync acknowledged it. The crash test kills it with SIGKILL and checks
// that every printed id is in the database.
using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sqlite;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Suanwang.Storage.Submitter <database file>");
    return 2;
}

var store = new SqliteStore($"Data Source={args[0]}");
await store.MigrateAsync(CancellationToken.None);
var output = Console.Out;
var gate = new Lock();
Console.WriteLine("ready");

var loops = Enumerable.Range(0, 16).Select(loop => Task.Run(async () =>
{
    for (var i = 0; ; i++)
    {
        var text = $"name: job-{loop}-{i}\ntenant: crash\nresources: {{}}\nestimated_runtime: 1m\n";
        var job = await store.SubmitAsync(new NewJob(JobSpecReader.Parse(text, "submitter", AcceleratorCatalog.Default), text), DateTimeOffset.UtcNow, CancellationToken.None);
        lock (gate)
        {
            output.WriteLine(job.Id);
        }
    }
}));
await Task.WhenAll(loops);
return 0;
