using System.CommandLine;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang balance --tenant T</c>: a tenant's available and reserved money.</summary>
internal static class BalanceCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var tenant = TenantOption.Create("The tenant (a tenant key may see only its own)");
        var options = new ClientOptions();
        var command = new Command("balance", "Show a tenant's prepaid balance") { tenant };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var id = TenantOption.Required(parse.GetValue(tenant));
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var balance = await client.GetBalanceAsync(id, cancellationToken).ConfigureAwait(false);
            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, balance);
            }
            else
            {
                console.WriteLine($"{balance.Tenant}: {balance.Available} {balance.Currency} available, {balance.Reserved} {balance.Currency} reserved by open orders");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
