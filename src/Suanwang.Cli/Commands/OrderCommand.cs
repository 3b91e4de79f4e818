using System.CommandLine;
using System.Globalization;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Core.Errors;
using Suanwang.Protocol.Market;

namespace Suanwang.Cli.Commands;

/// <summary>
/// <c>suanwang order FILE</c> or <c>suanwang order --quote ID [--option N]</c>: orders a job paid from
/// the tenant's prepaid balance; <c>suanwang order --block SITE:POOL:INDEX [--start TIME]</c> buys one
/// of the reserved blocks an offer lists, charged in full at once. Every order carries an idempotency key, so that running the same
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
        ["block"] = "--block",
        ["block.site"] = "--block",
        ["block.pool"] = "--block",
        ["block.index"] = "--block",
        ["block.start"] = "--start",
        ["block.tenant"] = "--tenant",
    };

    public static Command Create(ConsoleInteraction console)
    {
        var file = new Argument<string?>("FILE") { Description = "Job spec, YAML (or JSON when it ends in .json); or use --quote", Arity = ArgumentArity.ZeroOrOne };
        var quote = new Option<string?>("--quote") { Description = "Order a quote from 'suanwang quote' instead of a job file" };
        var option = WholeNumberOption.Create("--option", "Which of the quote's options, counting from 0 (the best, 0, by default)", 0, int.MaxValue);
        var block = new Option<string?>("--block") { Description = "Buy a reserved block instead: SITE:POOL:INDEX, as 'suanwang offers' lists it" };
        var start = new Option<string?>("--start") { Description = "With --block: when the block begins, ISO 8601 (UTC when no offset is given); now by default" };
        var tenant = TenantOption.Create("With --block: the tenant the block is for; the key's tenant by default");
        var key = new Option<string?>("--key") { Description = "Idempotency key: retrying with the key of an order returns that order; default a new random key, printed" };
        var options = new ClientOptions();
        var command = new Command("order", "Order a job or a reserved block, paid from the tenant's balance") { file, quote, option, block, start, tenant, key };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var path = parse.GetValue(file);
            var quoteId = parse.GetValue(quote);
            var optionIndex = parse.GetValue(option);
            var blockText = parse.GetValue(block);
            Validate(path, quoteId, optionIndex, blockText);
            var blockOrder = blockText is null ? null : BlockOf(blockText, parse.GetValue(start), parse.GetValue(tenant));
            if (blockOrder is null && (parse.GetValue(start) is not null || parse.GetValue(tenant) is not null))
            {
                var flag = parse.GetValue(start) is null ? "--tenant" : "--start";
                throw new InputException(flag, 0, flag, "applies to a reserved block; use it with --block");
            }

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
                    : blockOrder is not null
                        ? await client.OrderBlockAsync(blockOrder, idempotencyKey, cancellationToken).ConfigureAwait(false)
                        : await client.OrderQuoteAsync(quoteId!, optionIndex, idempotencyKey, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
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
            else if (order.Kind == "block")
            {
                console.WriteLine($"Order {order.Id}: reserved block {blockText}, charged {order.Charged} {order.Currency} ({order.State})");
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

    // SITE:POOL:INDEX, split from the right so that the site id is everything before the pool.
    private static BlockOrder BlockOf(string text, string? start, string? tenant)
    {
        var last = text.LastIndexOf(':');
        var middle = last > 0 ? text.LastIndexOf(':', last - 1) : -1;
        if (middle <= 0
            || !int.TryParse(text.AsSpan(middle + 1, last - middle - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pool)
            || !int.TryParse(text.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new InputException("--block", 0, "--block", $"'{text}' is not SITE:POOL:INDEX, e.g. cn-a:0:1 (pool and block numbers as 'suanwang offers' lists them)");
        }

        DateTimeOffset? at = null;
        if (start is not null)
        {
            if (!DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                throw new InputException("--start", 0, "--start", $"'{start}' is not a time; give ISO 8601, e.g. 2026-06-01T00:00:00Z");
            }

            at = parsed;
        }

        return new BlockOrder(text[..middle], pool, index, at, tenant is null ? null : TenantOption.Required(tenant));
    }

    private static void Validate(string? path, string? quote, int? option, string? block)
    {
        if (block is not null && (path is not null || quote is not null || option is not null))
        {
            throw new InputException("--block", 0, "--block", "give a job FILE, --quote or --block, one of them");
        }

        if (block is not null)
        {
            return;
        }

        if (path is not null && quote is not null)
        {
            throw new InputException("--quote", 0, "--quote", "give a job FILE or --quote, not both");
        }

        if (path is null && quote is null)
        {
            throw new InputException("order", 0, "", "give a job FILE to order, --quote ID from 'suanwang quote', or --block SITE:POOL:INDEX from 'suanwang offers'");
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
