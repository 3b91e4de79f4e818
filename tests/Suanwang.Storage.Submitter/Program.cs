// Submits jobs to a SQLite store from several concurrent loops until killed, printing the id of
// each job after SubmitAsync acknowledged it. The crash test kills it with SIGKILL and checks
// that every printed id is in the database. With "audit" after the file, appends audit entries
// instead (printing each ticket) while another loop integrates them into the tree.
using System.Text;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Audit;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sqlite;

if (args.Length is not (1 or 2))
{
    Console.Error.WriteLine("usage: Suanwang.Storage.Submitter <database file> [audit]");
    return 2;
}

var store = new SqliteStore($"Data Source={args[0]}");
await store.MigrateAsync(CancellationToken.None);
var output = Console.Out;
var gate = new Lock();
Console.WriteLine("ready");

if (args.Length == 2 && args[1] == "audit")
{
    var appenders = Enumerable.Range(0, 16).Select(loop => Task.Run(async () =>
    {
        for (var i = 0; ; i++)
        {
            var ticket = await store.AppendAuditAsync(new NewAuditEntry("decision", "crash", Encoding.UTF8.GetBytes($"{{\"loop\":{loop},\"n\":{i}}}")), CancellationToken.None);
            lock (gate)
            {
                output.WriteLine(ticket);
            }
        }
    }));
    var integrator = Task.Run(async () =>
    {
        while (true)
        {
            await store.IntegrateAuditAsync(500, static (size, root) => $"crash\n{size}\n{Convert.ToBase64String(root)}\n", DateTimeOffset.UtcNow, CancellationToken.None);
        }
    });
    await Task.WhenAll([.. appenders, integrator]);
    return 0;
}

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
