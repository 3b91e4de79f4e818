using System.CommandLine;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.Protocol.Tenants;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang provider key create|list|revoke</c> (admin): keys with which a provider reads its own statement and sites.</summary>
internal static class ProviderCommand
{
    private static readonly string[] s_columns = ["id", "owner", "created", "expires", "state"];

    public static Command Create(ConsoleInteraction console) => new("provider", "Providers (site owners) and their keys (admin)")
    {
        new Command("key", "Issue, list and revoke provider keys: each reads one provider's statement and sites, and nothing else")
        {
            CreateCommand(console),
            ListCommand(console),
            KeyCommand.RevokeCommand(console),
        },
    };

    private static Command CreateCommand(ConsoleInteraction console)
    {
        var owner = new Argument<string>("OWNER") { Description = "The provider's name as its sites give it in 'owner', such as \"Jingjin Compute\"" };
        var expires = new Option<string?>("--expires-at") { Description = "When the key stops working, such as 2027-01-01T00:00:00Z; it does not expire when left out" };
        var options = new ClientOptions();
        var command = new Command("create", "Issue a provider key; the secret is shown once") { owner, expires };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            var expiresAt = KeyCommand.ExpiresAt(parse.GetValue(expires));
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            ApiKeyIssued issued;
            try
            {
                issued = await client.IssueProviderKeyAsync(parse.GetValue(owner)!, new NewProviderKey(expiresAt), cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                throw e.ForFlags(new Dictionary<string, string>(StringComparer.Ordinal) { ["owner"] = "OWNER", ["expires_at"] = "--expires-at" });
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, issued);
                return ExitCodes.Success;
            }

            var until = issued.ExpiresAt is { } at ? $", expires {KeyCommand.Stamp(at)}" : "";
            console.WriteLine($"Key {issued.Id} (provider {TerminalText.Lines(issued.Owner ?? "")}{until}): {issued.Key}");
            console.Note("the key is shown only now; keep it");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(ConsoleInteraction console)
    {
        var owner = new Argument<string?>("OWNER") { Description = "Only this provider's keys; every provider's when left out", Arity = ArgumentArity.ZeroOrOne };
        var options = new ClientOptions();
        var command = new Command("list", "List provider keys, oldest first; never their secrets") { owner };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ApiKeyView> keys;
            try
            {
                keys = [.. (await client.ListKeysAsync(null, null, parse.GetValue(owner), cancellationToken).ConfigureAwait(false)).Where(k => k.Role == "provider")];
            }
            catch (ApiException e)
            {
                throw e.ForFlags(new Dictionary<string, string>(StringComparer.Ordinal) { ["owner"] = "OWNER" });
            }

            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, keys);
                return ExitCodes.Success;
            }

            KeyCommand.WriteTable(console, s_columns, keys, key => [TerminalText.Markup(key.Id), TerminalText.Markup(key.Owner ?? ""), .. KeyCommand.StatusCells(key)]);
            return ExitCodes.Success;
        });
        return command;
    }
}
