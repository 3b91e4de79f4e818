using System.CommandLine;
using System.Globalization;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Core.Errors;
using Suanwang.Protocol.Market;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang topup TENANT AMOUNT</c> (admin): adds money to a tenant's wallet, under an idempotency key like <c>order</c>.</summary>
internal static class TopUpCommand
{
    private const int MaxKeyLength = 255;

    private static readonly Dictionary<string, string> s_flags = new(StringComparer.Ordinal)
    {
        ["amount"] = "AMOUNT",
        ["currency"] = "--currency",
        ["memo"] = "--memo",
        ["Idempotency-Key"] = "--key",
    };

    public static Command Create(ConsoleInteraction console)
    {
        var tenant = new Argument<string>("TENANT") { Description = "The tenant to credit" };
        var amount = new Argument<string>("AMOUNT") { Description = "Decimal amount above zero, such as 100.00" };
        var currency = new Option<string?>("--currency") { Description = "Currency paid in (default the server's base currency); others are converted at the published rate" };
        var memo = new Option<string?>("--memo") { Description = "A note shown on statements" };
        var key = new Option<string?>("--key") { Description = "Idempotency key: retrying with the key of a top-up credits it once; default a new random key, printed" };
        var options = new ClientOptions();
        var command = new Command("topup", "Add money to a tenant's wallet (admin)") { tenant, amount, currency, memo, key };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var id = parse.GetValue(tenant)!;
            var text = parse.GetValue(amount)!.Trim();

            // Plain decimals only, as the server reads them: no exponent, sign or thousands separator.
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new InputException("AMOUNT", 0, "AMOUNT", $"'{text}' is not a decimal amount above zero, such as 100.00");
            }

            var idempotencyKey = parse.GetValue(key);
            if (idempotencyKey is null)
            {
                idempotencyKey = IdempotencyKeys.New();
                console.Note($"idempotency key {idempotencyKey}: if you do not learn whether this top-up went through, run it again with --key {idempotencyKey}");
            }
            else if (idempotencyKey.Length is 0 or > MaxKeyLength)
            {
                throw new InputException("--key", 0, "--key", $"the key must be 1 to {MaxKeyLength} characters");
            }

            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            TopUpResult result;
            try
            {
                var code = parse.GetValue(currency)?.Trim().ToUpperInvariant()
                    ?? (await client.GetBalanceAsync(id, cancellationToken).ConfigureAwait(false)).Currency;
                result = await client.TopUpAsync(id, new NewTopUp(text, code, parse.GetValue(memo)), idempotencyKey, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                throw e.ForFlags(s_flags);
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, result);
                return ExitCodes.Success;
            }

            var balance = result.Balance;
            var paid = result.Currency == balance.Currency ? "" : $" (paid {result.Amount} {result.Currency})";
            console.WriteLine($"Credited {result.Credited} {balance.Currency} to {result.Tenant}{paid}; now {balance.Available} {balance.Currency} available, {balance.Reserved} {balance.Currency} reserved");
            return ExitCodes.Success;
        });
        return command;
    }
}
