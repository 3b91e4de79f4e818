using System.CommandLine;
using Suanwang.Cli;
using Suanwang.Cli.Commands;
using Suanwang.Cli.Interaction;

var console = ConsoleInteraction.FromProcess();
var root = new RootCommand("Suanwang: an open compute-power network — simulate, schedule, trade compute")
{
    SimCommand.Create(console),
    StudyCommand.Create(console),
    CatalogCommand.Create(console),
};
return await CommandRunner.RunAsync(root, args, console);
