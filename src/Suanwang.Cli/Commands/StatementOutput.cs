using System.Globalization;
using Spectre.Console;
using Suanwang.Cli.Interaction;
using Suanwang.Protocol.Market;

namespace Suanwang.Cli.Commands;

/// <summary>A statement as tables: the summary, then the metered runs, then the movements of money.</summary>
internal static class StatementOutput
{
    /// <summary>Writes <paramref name="statement"/> to standard output.</summary>
    public static void Write(ConsoleInteraction console, StatementView statement)
    {
        var currency = statement.Currency;
        var t = statement.Totals;
        console.WriteLine($"Statement for {statement.Subject} {statement.Id}, {Day(statement.From)} to {Day(statement.To)} (UTC), {currency}");
        var summary = new Table().Border(TableBorder.Rounded).HideHeaders();
        summary.AddColumn("field");
        summary.AddColumn(new TableColumn("value").RightAligned());
        summary.AddRow("opening", Money(statement.Opening, currency));
        summary.AddRow("closing", Money(statement.Closing, currency));
        summary.AddRow("charges", Money(t.Charges, currency));
        if (statement.Subject == "provider")
        {
            summary.AddRow("commission", Money(t.Commission, currency));
            summary.AddRow("net", Money(t.Net, currency));
            summary.AddRow("payouts", Money(t.Payouts, currency));
        }
        else
        {
            summary.AddRow("top-ups", Money(t.TopUps, currency));
            summary.AddRow("refunds", Money(t.Refunds, currency));
        }

        summary.AddRow("card-hours", Number(t.CardHours));
        summary.AddRow("P·h", Number(t.PetaflopHours));
        summary.AddRow("kWh", Number(t.Kwh));
        summary.AddRow("kg CO2", Number(t.KgCo2));
        if (t.Unsettled > 0)
        {
            summary.AddRow("unsettled runs", $"[yellow]{t.Unsettled.ToString(CultureInfo.InvariantCulture)}[/]");
        }

        console.Out.Write(summary);
        if (statement.Usage.Count > 0)
        {
            console.Out.Write(Usage(statement));
        }

        if (statement.Movements.Count > 0)
        {
            console.Out.Write(Movements(statement));
        }
    }

    private static Table Usage(StatementView statement)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("usage");
        foreach (var column in new[] { "job", "run", "site", "model", "cards", "spot", "ended", "outcome", "card-h", "kg CO2", $"charge ({statement.Currency})" })
        {
            table.AddColumn(TerminalText.Markup(column));
        }

        foreach (var u in statement.Usage)
        {
            table.AddRow(
                u.Job.ToString(CultureInfo.InvariantCulture),
                u.Run.ToString(CultureInfo.InvariantCulture),
                TerminalText.Markup(u.Site),
                TerminalText.Markup(u.Model ?? "-"),
                u.Cards.ToString(CultureInfo.InvariantCulture),
                u.Spot ? "yes" : "no",
                MarketOutput.Time(u.EndedAt),
                TerminalText.Markup(u.Outcome),
                Number(u.CardHours),
                Number(u.KgCo2),
                TerminalText.Markup(u.Charge ?? "unsettled"));
        }

        return table;
    }

    private static Table Movements(StatementView statement)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("money");
        foreach (var column in new[] { "at", "kind", "order", "memo", "account", $"amount ({statement.Currency})" })
        {
            table.AddColumn(TerminalText.Markup(column));
        }

        foreach (var m in statement.Movements)
        {
            table.AddRow(
                MarketOutput.Time(m.At),
                TerminalText.Markup(m.Kind),
                TerminalText.Markup(m.Order ?? "-"),
                TerminalText.Markup(m.Memo),
                TerminalText.Markup(m.Account),
                TerminalText.Markup(m.Amount));
        }

        return table;
    }

    private static string Money(string amount, string currency) => TerminalText.Markup($"{amount} {currency}");

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
