using System.CommandLine;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Core.Errors;

namespace Suanwang.Cli.Commands;

/// <summary>
/// <c>suanwang order FILE</c> or <c>suanwang order --quote ID [--option N]</c>: orders a job paid from
/// the tenant's prepaid balance. Every order carries an idempotency key, so that running the same
/// command again with <c>--key</c> after a lost answer returns the first order instead of a second one.
/// </summary>
internal static class OrderCommand
{
    private const int MaxKeyLength = 255;

    private static readonly Dictionary<string, string> s_flags = new(StringComparer.Ordinal)
    {
        ["quote"] = "--quote",
        ["option"] = "--option",
        ["Idempotency-Key"] = "--key",
    };

    public static Command Create(ConsoleInteraction console)
    {
        var file = new Argument<string?>("FILE") { Description = "Job spec, YAML (or JSON when it ends in .json); or use --quote", Arity = ArgumentArity.ZeroOrOne };
        var quote = new Option<string?>("--quote") { Description = "Order a quote from 'suanwang quote' instead of a job file" };
        var option = WholeNumberOption.Create("--option", "Which of the quote's options, counting from 0 (the best, 0, by default)", 0, int.MaxValue);
        var key = new Option<string?>("--key") { Description = "Idempotency key: retrying with the key of an order returns that order; default a new random key, printed" };
        var options = new ClientOptions();
        var command = new Command("order", "Order a job, paid from the tenant's balance") { file, quote, option, key };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var path = parse.GetValue(file);
            var quoteId = parse.GetValue(quote);
            var optionIndex = parse.GetValue(option);
            Validate(path, quoteId, optionIndex);
            var idempotencyKey = parse.GetValue(key);
            if (idempotencyKey is null)
            {
                idempotencyKey = IdempotencyKeys.New();
                console.Note($"idempotency key {idempotencyKey}: if you do not learn whether this order went through, run it again with --key {idempotencyKey}");
            }
            else if (idempotencyKey.Length is 0 or > MaxKeyLength)
            {
                throw new InputException("--key", 0, "--key", $"the key must be 1 to {MaxKeyLength} characters");
            }

            (string Text, bool Json)? spec = path is null ? null : await SpecFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            Ordered ordered;
            try
            {
                ordered = spec is { } s
                    ? await client.OrderAsync(s.Text, s.Json, path!, idempotencyKey, cancellationToken).ConfigureAwait(false)
                    : await client.OrderQuoteAsync(quoteId!, optionIndex, idempotencyKey, cancellationToken).ConfigureAwait(false);
            }
            catch (ClientException e)
            {
                throw e.ForFlags(s_flags);
            }

            var order = ordered.Order;
            if (ordered.Replayed)
            {
                console.Note($"key {idempotencyKey} was used for this same order before: this is that order, nothing new was ordered");
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, order);
            }
            else
            {
                var job = order.Job is { } id ? FormattableString.Invariant($"job {id}") : "no job";
                console.WriteLine($"Order {order.Id}: {job}, reserved {order.Reserved} {order.Currency} ({order.State})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Validate(string? path, string? quote, int? option)
    {
        if (path is not null && quote is not null)
        {
            throw new InputException("--quote", 0, "--quote", "give a job FILE or --quote, not both");
        }

        if (path is null && quote is null)
        {
            throw new InputException("order", 0, "", "give a job FILE to order, or --quote ID from 'suanwang quote'");
        }

        if (option is not null && quote is null)
        {
            throw new InputException("--option", 0, "--option", "picks one of a quote's options; use it with --quote");
        }

        if (quote is not null && string.IsNullOrWhiteSpace(quote))
        {
            throw new InputException("--quote", 0, "--quote", "the quote id is empty");
        }
    }
}
