using System.CommandLine;
using Suanwang.Cli.Commands;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli;

/// <summary>Builds the <c>suanwang</c> command tree over one console, for the process and for tests that run it in-process.</summary>
internal static class RootCommandFactory
{
    public static RootCommand Create(ConsoleInteraction console) => new("Suanwang: an open compute-power network — simulate, schedule, trade compute")
    {
        SimCommand.Create(console),
        StudyCommand.Create(console),
        CatalogCommand.Create(console),
        UpCommand.Create(console),
        AgentCommand.Create(console),
        GatewayCommand.Create(console),
        SubmitCommand.Create(console),
        JobsCommand.Create(console),
        JobCommand.Create(console),
        LogsCommand.Create(console),
        CancelCommand.Create(console),
        SitesCommand.Create(console),
        OffersCommand.Create(console),
        QuoteCommand.Create(console),
        OrderCommand.Create(console),
        OrdersCommand.Create(console),
        BalanceCommand.Create(console),
        LimitsCommand.Create(console),
        TopUpCommand.Create(console),
        StatementCommand.Create(console),
        LedgerCommand.Create(console),
        AuditCommand.Create(console),
        KeyCommand.Create(console),
        ProviderCommand.Create(console),
        DatasetCommand.Create(console),
        FilingCommand.Create(console),
        PolicyCommand.Create(console),
    };
}
