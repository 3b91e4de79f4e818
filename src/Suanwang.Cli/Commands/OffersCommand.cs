using System.CommandLine;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Protocol.Market;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang offers</c>: the market's offers (one per pool), filtered and sorted by the server.</summary>
internal static class OffersCommand
{
    // The server names its query parameters in problems; the user typed the flags.
    private static readonly Dictionary<string, string> s_flags = new(StringComparer.Ordinal)
    {
        ["model"] = "--model",
        ["min_memory_gib"] = "--min-memory",
        ["jurisdiction"] = "--jurisdiction",
        ["tier"] = "--tier",
        ["max_price_per_p_hour"] = "--max-price",
        ["max_carbon"] = "--max-carbon",
        ["spot"] = "--spot",
        ["sort"] = "--sort",
        ["order"] = "--desc",
    };

    public static Command Create(ConsoleInteraction console)
    {
        var model = new Option<string?>("--model") { Description = "Only this accelerator model (catalog id or alias)" };
        var minMemory = new Option<string?>("--min-memory") { Description = "Only cards with at least this much memory, GiB" };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "Only sites in this country, or country and zone (CN, CN:tianjin-ftz)" };
        var tier = new Option<string?>("--tier") { Description = "Only sites of this tier: core, hub, edge, orbital" };
        var maxPrice = new Option<string?>("--max-price") { Description = "Only offers at most this price per P·h, in the server's base currency (the spot price with --spot)" };
        var maxCarbon = new Option<string?>("--max-carbon") { Description = "Only sites whose grid averages at most this many gCO2/kWh over the next day" };
        var spot = new Option<bool>("--spot") { Description = "Compare and sort by spot prices instead of on-demand prices" };
        var sort = new Option<string?>("--sort") { Description = "Sort by price (default), carbon, memory, pflops or cards" };
        var descending = new Option<bool>("--desc") { Description = "Largest first" };
        var options = new ClientOptions();
        var command = new Command("offers", "List the market's offers, cheapest per P·h first")
        {
            model, minMemory, jurisdiction, tier, maxPrice, maxCarbon, spot, sort, descending,
        };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            KeyValuePair<string, string?>[] query =
            [
                new("model", parse.GetValue(model)),
                new("min_memory_gib", parse.GetValue(minMemory)),
                new("jurisdiction", parse.GetValue(jurisdiction)),
                new("tier", parse.GetValue(tier)),
                new("max_price_per_p_hour", parse.GetValue(maxPrice)),
                new("max_carbon", parse.GetValue(maxCarbon)),
                new("spot", parse.GetValue(spot) ? "true" : null),
                new("sort", parse.GetValue(sort)),
                new("order", parse.GetValue(descending) ? "desc" : null),
            ];
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<OfferView> offers;
            try
            {
                offers = await client.ListOffersAsync(query, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                throw e.ForFlags(s_flags);
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, offers);
                return ExitCodes.Success;
            }

            if (offers.Count == 0)
            {
                console.Note("no offers match");
                return ExitCodes.Success;
            }

            MarketOutput.Offers(console, offers);
            return ExitCodes.Success;
        });
        return command;
    }
}
