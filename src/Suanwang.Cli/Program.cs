using Suanwang.Cli;
using Suanwang.Cli.Interaction;

var console = ConsoleInteraction.FromProcess();
return await CommandRunner.RunAsync(RootCommandFactory.Create(console), args, console);
