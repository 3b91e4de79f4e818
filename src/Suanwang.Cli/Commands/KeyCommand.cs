using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Core.Errors;
using Suanwang.Protocol.Tenants;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang key create|list|revoke</c> (admin): API keys of tenants, admins and site agents.</summary>
internal static class KeyCommand
{
    private static readonly string[] s_columns = ["id", "role", "tenant", "site", "created", "expires", "state", "jurisdictions"];

    public static Command Create(ConsoleInteraction console) => new("key", "Issue, list and revoke API keys (admin)")
    {
        CreateCommand(console),
        ListCommand(console),
        RevokeCommand(console),
    };

    private static Command CreateCommand(ConsoleInteraction console)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Issue a key that acts for this tenant" };
        var site = new Option<string?>("--site") { Description = "Issue the agent key of this site: it may register, heartbeat and report for that site only" };
        var admin = new Option<bool>("--admin") { Description = "With --tenant: an admin key, which acts on every tenant, site and key" };
        var expires = new Option<string?>("--expires-at") { Description = "When the key stops working, such as 2027-01-01T00:00:00Z; it does not expire when left out" };
        var jurisdictions = new Option<string?>("--jurisdictions") { Description = "With --tenant: countries where the key's token requests may be served, such as CN,KZ; anywhere when left out" };
        var rpm = new Option<long?>("--requests-per-minute") { Description = "With --tenant: token gateway requests the key may make per minute" };
        var tpm = new Option<long?>("--tokens-per-minute") { Description = "With --tenant: tokens the key may use per minute" };
        var spend = new Option<decimal?>("--spend-per-month") { Description = "With --tenant: base-currency amount the key may spend on tokens per calendar month, such as 50.00" };
        var options = new ClientOptions();
        var command = new Command("create", "Issue a key for a tenant (--tenant) or a site's agent (--site); the secret is shown once") { tenant, site, admin, expires, jurisdictions, rpm, tpm, spend };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var (tenantId, siteId) = (parse.GetValue(tenant), parse.GetValue(site));
            if ((tenantId is null) == (siteId is null))
            {
                throw new InputException("--tenant", 0, "--tenant", "give either --tenant TENANT or --site SITE");
            }

            if (siteId is not null && (parse.GetValue(jurisdictions) ?? (object?)parse.GetValue(rpm) ?? (object?)parse.GetValue(tpm) ?? parse.GetValue(spend)) is not null)
            {
                throw new InputException("--site", 0, "--site", "jurisdictions and token limits hold tenant keys; an agent key sends no token requests");
            }

            if (siteId is not null && parse.GetValue(admin))
            {
                throw new InputException("--admin", 0, "--admin", "an agent key cannot be an admin key; leave out --admin or use --tenant");
            }

            var expiresAt = ExpiresAt(parse.GetValue(expires));
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            ApiKeyIssued issued;
            try
            {
                issued = siteId is not null
                    ? await client.IssueAgentKeyAsync(siteId, new NewAgentKey(expiresAt), cancellationToken).ConfigureAwait(false)
                    : await client.IssueTenantKeyAsync(
                        tenantId!,
                        new NewApiKey(parse.GetValue(admin), expiresAt, Countries(parse.GetValue(jurisdictions)), parse.GetValue(rpm), parse.GetValue(tpm), parse.GetValue(spend)),
                        cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                throw e.ForFlags(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["id"] = siteId is null ? "--tenant" : "--site",
                    ["expires_at"] = "--expires-at",
                    ["jurisdictions"] = "--jurisdictions",
                    ["requests_per_minute"] = "--requests-per-minute",
                    ["tokens_per_minute"] = "--tokens-per-minute",
                    ["spend_per_month"] = "--spend-per-month",
                });
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, issued);
                return ExitCodes.Success;
            }

            var who = issued.Site is { } s ? $"agent of site {s}" : $"{issued.Role} of tenant {issued.Tenant}";
            var until = issued.ExpiresAt is { } at ? $", expires {Stamp(at)}" : "";
            console.WriteLine($"Key {issued.Id} ({TerminalText.Lines(who)}{until}): {issued.Key}");
            console.Note("the key is shown only now; keep it");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(ConsoleInteraction console)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's keys" };
        var site = new Option<string?>("--site") { Description = "Only this site's agent keys" };
        var options = new ClientOptions();
        var command = new Command("list", "List keys, oldest first; never their secrets") { tenant, site };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ApiKeyView> keys;
            try
            {
                keys = await client.ListKeysAsync(parse.GetValue(tenant), parse.GetValue(site), null, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                throw e.ForFlags(new Dictionary<string, string>(StringComparer.Ordinal) { ["tenant"] = "--tenant", ["site"] = "--site" });
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, keys);
                return ExitCodes.Success;
            }

            WriteTable(console, s_columns, keys, key =>
            [
                TerminalText.Markup(key.Id),
                TerminalText.Markup(key.Role),
                TerminalText.Markup(key.Tenant ?? ""),
                TerminalText.Markup(key.Site ?? ""),
                .. StatusCells(key),
                TerminalText.Markup(key.Jurisdictions is { } countries ? string.Join(',', countries) : ""),
            ]);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>revoke ID</c>: any key by its public id, for <c>key</c> and <c>provider key</c>.</summary>
    public static Command RevokeCommand(ConsoleInteraction console)
    {
        var id = new Argument<string>("ID") { Description = "The key's public id, such as key_0a1b2c3d4e5f" };
        var options = new ClientOptions();
        var command = new Command("revoke", "Revoke a key: requests with it get 401 from then on") { id };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var keyId = parse.GetValue(id)!;
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            await client.RevokeKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, new { Id = keyId, Revoked = true });
            }
            else
            {
                console.WriteLine($"Revoked key {TerminalText.Lines(keyId)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // "CN,KZ" as a list; the server checks each code and names the one it refuses.
    private static string[]? Countries(string? text) =>
        text is null ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The time <c>--expires-at</c> gives, or null when it was left out; exit 2 naming the flag for text that is no time.</summary>
    public static DateTimeOffset? ExpiresAt(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new InputException("--expires-at", 0, "--expires-at", $"'{TerminalText.Lines(text)}' is not a time such as 2027-01-01T00:00:00Z");
    }

    /// <summary>Writes <paramref name="keys"/> as a table of <paramref name="columns"/>, one row of <paramref name="cells"/> (markup) each.</summary>
    public static void WriteTable(ConsoleInteraction console, string[] columns, IReadOnlyList<ApiKeyView> keys, Func<ApiKeyView, string[]> cells)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        foreach (var key in keys)
        {
            table.AddRow(cells(key));
        }

        console.Out.Write(table);
    }

    /// <summary>A key's created, expires and state cells (the state coloured), as both key tables show them.</summary>
    public static string[] StatusCells(ApiKeyView key) =>
    [
        Stamp(key.CreatedAt),
        key.ExpiresAt is { } at ? Stamp(at) : "never",
        key.State == "active" ? "[green]active[/]" : $"[yellow]{TerminalText.Markup(key.State)}[/]",
    ];

    /// <summary>A time as the key commands print it: UTC, to the second.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
