using System.Globalization;
using Spectre.Console;
using Suanwang.Cli.Interaction;
using Suanwang.Protocol.Market;

namespace Suanwang.Cli.Commands;

/// <summary>How the market commands show offers, quotes and orders as tables; <c>--format json</c> goes through <see cref="JobOutput.Json{T}"/>.</summary>
internal static class MarketOutput
{
    private static readonly string[] s_orderColumns = ["id", "tenant", "kind", "job", "reserved", "charged", "state", "created"];

    /// <summary>Offers, one pool per row; base-currency columns are headed with the server's currency.</summary>
    public static void Offers(ConsoleInteraction console, IReadOnlyList<OfferView> offers)
    {
        var baseCurrency = offers.Count > 0 ? offers[0].BaseCurrency : "base";
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("site");
        table.AddColumn("owner");
        table.AddColumn("jurisdiction");
        table.AddColumn("tier");
        table.AddColumn("model");
        table.AddColumn(new TableColumn("mem").RightAligned());
        table.AddColumn(new TableColumn("cards").RightAligned());
        table.AddColumn(new TableColumn("price/card-h").RightAligned());
        table.AddColumn(new TableColumn(TerminalText.Markup($"price/P·h ({baseCurrency})")).RightAligned());
        table.AddColumn(new TableColumn(TerminalText.Markup($"spot/P·h ({baseCurrency})")).RightAligned());
        table.AddColumn(new TableColumn("gCO2/kWh").RightAligned());
        table.AddColumn("blocks");
        foreach (var offer in offers)
        {
            table.AddRow(
                TerminalText.Markup(offer.Site),
                TerminalText.Markup(offer.Owner),
                TerminalText.Markup(offer.Jurisdiction),
                TerminalText.Markup(offer.Tier),
                TerminalText.Markup(offer.Model),
                Invariant($"{offer.MemoryGib:0.#} GiB"),
                Invariant($"{offer.Cards}"),
                TerminalText.Markup($"{offer.PricePerCardHour} {offer.Currency}"),
                TerminalText.Markup(offer.BasePricePerPHour),
                TerminalText.Markup(offer.BaseSpotPricePerPHour),
                Invariant($"{offer.CarbonGco2PerKwh:0.#}"),
                TerminalText.Markup(Blocks(offer.Blocks)));
        }

        console.Out.Write(table);
    }

    /// <summary>A quote's options, best first, with the numbers <c>order --option</c> takes.</summary>
    public static void Quote(ConsoleInteraction console, QuoteView quote)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("option").RightAligned());
        table.AddColumn("site");
        table.AddColumn("model");
        table.AddColumn(new TableColumn("cards").RightAligned());
        table.AddColumn(new TableColumn("price/card-h").RightAligned());
        table.AddColumn(new TableColumn(TerminalText.Markup($"price ({quote.Currency})")).RightAligned());
        table.AddColumn(new TableColumn(TerminalText.Markup($"reserve ({quote.Currency})")).RightAligned());
        table.AddColumn("expected start");
        table.AddColumn("expected finish");
        table.AddColumn(new TableColumn("kg CO2").RightAligned());
        for (var i = 0; i < quote.Options.Count; i++)
        {
            var option = quote.Options[i];
            table.AddRow(
                Invariant($"{i}"),
                TerminalText.Markup(option.Site),
                TerminalText.Markup(option.Model),
                Invariant($"{option.Cards}"),
                TerminalText.Markup($"{option.PricePerCardHour} {option.PriceCurrency}"),
                TerminalText.Markup(option.Price),
                TerminalText.Markup(option.Reserve ?? "-"),
                Time(option.ExpectedStart),
                Time(option.ExpectedFinish),
                Invariant($"{option.KgCo2:0.###}"));
        }

        console.Out.Write(table);
    }

    /// <summary>Orders, one per row.</summary>
    public static void Orders(ConsoleInteraction console, IReadOnlyList<OrderView> orders)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in s_orderColumns)
        {
            table.AddColumn(column);
        }

        foreach (var order in orders)
        {
            table.AddRow(
                TerminalText.Markup(order.Id),
                TerminalText.Markup(order.Tenant),
                TerminalText.Markup(order.Kind),
                order.Job?.ToString(CultureInfo.InvariantCulture) ?? "-",
                TerminalText.Markup($"{order.Reserved} {order.Currency}"),
                order.Charged is null ? "-" : TerminalText.Markup($"{order.Charged} {order.Currency}"),
                State(order.State),
                Time(order.CreatedAt));
        }

        console.Out.Write(table);
    }

    /// <summary>One order, field by field.</summary>
    public static void Order(ConsoleInteraction console, OrderView order)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders();
        table.AddColumn("field");
        table.AddColumn("value");
        table.AddRow("id", TerminalText.Markup(order.Id));
        table.AddRow("tenant", TerminalText.Markup(order.Tenant));
        table.AddRow("kind", TerminalText.Markup(order.Kind));
        table.AddRow("job", order.Job?.ToString(CultureInfo.InvariantCulture) ?? "-");
        table.AddRow("quote", TerminalText.Markup(order.Quote ?? "-"));
        table.AddRow("reserved", TerminalText.Markup($"{order.Reserved} {order.Currency}"));
        table.AddRow("charged", order.Charged is null ? "-" : TerminalText.Markup($"{order.Charged} {order.Currency}"));
        table.AddRow("state", State(order.State));
        table.AddRow("created", Time(order.CreatedAt));
        table.AddRow("settled", Time(order.SettledAt));
        console.Out.Write(table);
    }

    /// <summary>A point in time in the local zone, to the second.</summary>
    public static string Time(DateTimeOffset? at) =>
        at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";

    // "4×168h, 8×720h": cards × hours of each block; the prices are in --format json.
    private static string Blocks(IReadOnlyList<BlockView> blocks) =>
        blocks.Count == 0 ? "-" : string.Join(", ", blocks.Select(b => Invariant($"{b.Cards}×{b.Hours:0.#}h")));

    private static string State(string state) => state switch
    {
        "settled" => "[green]settled[/]",
        _ => TerminalText.Markup(state),
    };

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
