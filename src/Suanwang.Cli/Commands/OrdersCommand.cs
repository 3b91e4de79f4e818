using System.CommandLine;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Protocol.Market;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang orders</c>: orders, newest first; <c>suanwang orders show ID</c>: one order.</summary>
internal static class OrdersCommand
{
    private static readonly Dictionary<string, string> s_flags = new(StringComparer.Ordinal)
    {
        ["tenant"] = "--tenant",
        ["limit"] = "--limit",
    };

    public static Command Create(ConsoleInteraction console)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's orders (admin; a tenant key sees its own)" };
        var limit = WholeNumberOption.Create("--limit", "At most this many orders (1 to 1000; default 100)", 1, 1000);
        var options = new ClientOptions();
        var command = new Command("orders", "List orders, newest first") { tenant, limit, Show(console) };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<OrderView> orders;
            try
            {
                orders = await client.ListOrdersAsync(parse.GetValue(tenant), parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                throw e.ForFlags(s_flags);
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, orders);
                return ExitCodes.Success;
            }

            if (orders.Count == 0)
            {
                console.Note("no orders");
                return ExitCodes.Success;
            }

            MarketOutput.Orders(console, orders);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(ConsoleInteraction console)
    {
        var id = new Argument<string>("ID") { Description = "Order id" };
        var options = new ClientOptions();
        var command = new Command("show", "Show one order") { id };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var order = await client.GetOrderAsync(parse.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, order);
            }
            else
            {
                MarketOutput.Order(console, order);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
