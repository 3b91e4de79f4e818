using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Core.Errors;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.Cli.Commands;

/// <summary>
/// <c>suanwang statement</c>: a tenant's or (admin) a provider's usage, charges and money movements
/// for a month or a period, as tables, JSON, or the server's CSV or printable HTML.
/// </summary>
internal static class StatementCommand
{
    private static readonly string[] s_formats = ["table", "json", "csv", "html"];

    private static readonly Dictionary<string, string> s_flags = new(StringComparer.Ordinal)
    {
        ["month"] = "--month",
        ["from"] = "--from",
        ["to"] = "--to",
        ["format"] = "--format",
    };

    public static Command Create(ConsoleInteraction console)
    {
        var tenant = TenantOption.Create("A tenant's statement (a tenant key may see only its own)");
        var provider = new Option<string?>("--provider") { Description = "A provider's statement: the site owner's name (admin)" };
        var month = new Option<string?>("--month") { Description = "The month, YYYY-MM (UTC); this month when no period is given" };
        var from = new Option<string?>("--from") { Description = "Start of the period, ISO 8601 (UTC when no offset is given)" };
        var to = new Option<string?>("--to") { Description = "End of the period, exclusive" };
        var format = new Option<string>("--format") { Description = "table (default), json, csv or html; with --out, by default the file's extension" };
        var output = new Option<string?>("--out") { Description = "Write the statement to this file instead of standard output" };
        var options = new ClientOptions(format);
        var command = new Command("statement", "Show a statement: usage, charges and money movements for a period") { tenant, provider, month, from, to, output };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(output);
            var kind = Format(parse.GetValue(format), path);
            var request = Request(parse.GetValue(tenant), parse.GetValue(provider), parse.GetValue(month), parse.GetValue(from), parse.GetValue(to));
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            string? text = null;
            StatementView? statement = null;
            try
            {
                if (kind is "csv" or "html")
                {
                    text = await client.GetStatementTextAsync(request, kind, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    statement = await client.GetStatementAsync(request, cancellationToken).ConfigureAwait(false);
                    if (kind == "json")
                    {
                        text = JsonSerializer.Serialize(statement, ProtocolJson.Options) + "\n";
                    }
                }
            }
            catch (ApiException e)
            {
                throw e.ForFlags(s_flags);
            }

            if (text is null)
            {
                StatementOutput.Write(console, statement!);
            }
            else if (path is null)
            {
                console.Write(text);
            }
            else
            {
                await WriteAsync(path, text, cancellationToken).ConfigureAwait(false);
                console.Note($"wrote the statement to {path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Format(string? value, string? path)
    {
        if (value is not null)
        {
            var format = value.ToLowerInvariant();
            if (!s_formats.Contains(format))
            {
                throw new InputException("--format", 0, "--format", $"'{value}' is not one of {string.Join(", ", s_formats)}");
            }

            if (format == "table" && path is not null)
            {
                throw new InputException("--out", 0, "--out", "a file holds json, csv or html; add --format json, csv or html");
            }

            return format;
        }

        if (path is null)
        {
            return "table";
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => "csv",
            ".html" or ".htm" => "html",
            ".json" => "json",
            _ => throw new InputException("--out", 0, "--out", $"cannot tell the format from '{path}'; add --format json, csv or html"),
        };
    }

    private static StatementRequest Request(string? tenant, string? provider, string? month, string? from, string? to)
    {
        if (tenant is not null && provider is not null)
        {
            throw new InputException("--provider", 0, "--provider", "give --tenant or --provider, not both");
        }

        if (provider is null)
        {
            tenant = TenantOption.Required(tenant);
        }
        else if (string.IsNullOrWhiteSpace(provider))
        {
            throw new InputException("--provider", 0, "--provider", "the provider's name is empty");
        }

        if (month is not null)
        {
            if (from is not null || to is not null)
            {
                throw new InputException("--month", 0, "--month", "give --month, or --from and --to, not both");
            }

            if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new InputException("--month", 0, "--month", $"'{month}' is not a month such as 2026-11");
            }
        }

        return new StatementRequest(tenant, provider, month, from, to);
    }

    private static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException("--out", 0, "--out", $"cannot write {path}: {e.Message}");
        }
    }
}
