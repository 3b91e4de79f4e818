using System.CommandLine;
using System.Globalization;
using Suanwang.Cli.Interaction;
using Suanwang.Protocol.Tenants;

namespace Suanwang.Cli.Commands;

/// <summary>
/// <c>suanwang limits --tenant T [--rate N] [--burst N] [--max-queued-jobs N] [--max-open-orders N]
/// [--max-cards N | --no-card-cap] [--max-priority N]</c>: shows a tenant's abuse limits, or (admin)
/// changes the ones named and keeps the others.
/// </summary>
internal static class LimitsCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var tenant = TenantOption.Create("The tenant (a tenant key may see only its own)");
        var rate = WholeNumberOption.Create("--rate", "Requests per second each of the tenant's keys may send", 1, 1_000_000);
        var burst = WholeNumberOption.Create("--burst", "Requests a key may send at once", 1, 1_000_000);
        var queued = WholeNumberOption.Create("--max-queued-jobs", "Most jobs waiting at once", 0, 10_000_000);
        var orders = WholeNumberOption.Create("--max-open-orders", "Most orders open at once", 0, 10_000_000);
        var cards = WholeNumberOption.Create("--max-cards", "Most cards its running jobs hold at once", 0, 1_000_000);
        var noCardCap = new Option<bool>("--no-card-cap") { Description = "Remove the cap on cards held at once" };
        var priority = WholeNumberOption.Create("--max-priority", "Highest priority its jobs may ask for", 0, 1_000_000);
        var options = new ClientOptions();
        var command = new Command("limits", "Show a tenant's rate limit, caps and maximum priority; an admin changes them with the flags")
        {
            tenant, rate, burst, queued, orders, cards, noCardCap, priority,
        };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var id = TenantOption.Required(parse.GetValue(tenant));
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var limits = await client.GetLimitsAsync(id, cancellationToken).ConfigureAwait(false);
            var changed = limits with
            {
                RequestsPerSecond = parse.GetValue(rate) ?? limits.RequestsPerSecond,
                Burst = parse.GetValue(burst) ?? limits.Burst,
                MaxQueuedJobs = parse.GetValue(queued) ?? limits.MaxQueuedJobs,
                MaxOpenOrders = parse.GetValue(orders) ?? limits.MaxOpenOrders,
                MaxCards = parse.GetValue(noCardCap) ? null : parse.GetValue(cards) ?? limits.MaxCards,
                MaxPriority = parse.GetValue(priority) ?? limits.MaxPriority,
            };
            if (changed != limits)
            {
                limits = await client.SetLimitsAsync(id, changed, cancellationToken).ConfigureAwait(false);
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, limits);
            }
            else
            {
                var cap = limits.MaxCards is { } n ? n.ToString(CultureInfo.InvariantCulture) : "no cap";
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id}: {limits.RequestsPerSecond} requests/s per key (burst {limits.Burst}); at most {limits.MaxQueuedJobs} queued jobs, {limits.MaxOpenOrders} open orders, cards held at once: {cap}; priority up to {limits.MaxPriority}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
