using System.CommandLine;
using Suanwang.Cli.Interaction;
using Suanwang.ControlPlane.Audit;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang audit verify</c> and <c>suanwang audit checkpoint</c>: check the transparency log without trusting the server.</summary>
internal static class AuditCommand
{
    // A saved checkpoint or a key file larger than this is not one.
    private const int MaxFileBytes = 64 * 1024;

    public static Command Create(ConsoleInteraction console) => new("audit", "The transparency log: verify it, save its checkpoint") { Verify(console), Checkpoint(console) };

    private static Command Verify(ConsoleInteraction console)
    {
        var options = new ClientOptions();
        var from = new Option<FileInfo?>("--from-checkpoint") { Description = "A checkpoint saved earlier ('audit checkpoint --out'): check the log grew from it, and only the entries since" };
        var key = new Option<string?>("--verifier-key") { Description = "The log's key (name+id+base64) to trust instead of the one the server publishes" };
        var save = new Option<FileInfo?>("--save") { Description = "After a successful check, save the verified checkpoint to this file" };
        var command = new Command("verify", "Check the log's signed checkpoint, entries and proofs; exit 1 on any mismatch") { from, key, save };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (Read(console, parse.GetValue(from), "--from-checkpoint", out var saved) is { } invalid)
            {
                return invalid;
            }

            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var result = await AuditVerification.RunAsync(client, parse.GetValue(key), saved, cancellationToken).ConfigureAwait(false);
            foreach (var line in result.Lines.Take(result.Lines.Count - (result.Verified ? 0 : 1)))
            {
                console.WriteLine(line);
            }

            if (!result.Verified)
            {
                console.Error(result.Lines[^1]);
                console.WriteLine("MISMATCH");
                return ExitCodes.Failure;
            }

            if (parse.GetValue(save) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, result.Note, cancellationToken).ConfigureAwait(false);
            }

            console.WriteLine("VERIFIED");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Checkpoint(ConsoleInteraction console)
    {
        var options = new ClientOptions();
        var output = new Option<FileInfo?>("--out") { Description = "File to write the checkpoint to (else standard output)" };
        var key = new Option<string?>("--verifier-key") { Description = "The log's key to check the signature with instead of the one the server publishes" };
        var command = new Command("checkpoint", "Fetch the log's signed checkpoint, check its signature and save it") { output, key };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var verifier = parse.GetValue(key) ?? await client.GetAuditKeyAsync(cancellationToken).ConfigureAwait(false);
            var note = await client.GetAuditCheckpointAsync(cancellationToken).ConfigureAwait(false);
            if (AuditSigner.Open(note, verifier, out var error) is null)
            {
                console.Error($"the server's checkpoint does not verify: {error}");
                return ExitCodes.Failure;
            }

            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, note, cancellationToken).ConfigureAwait(false);
                console.Note($"checkpoint saved to {file.FullName}");
            }
            else
            {
                console.Write(note);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // The file's text, or the exit code for a file that cannot be one.
    private static int? Read(ConsoleInteraction console, FileInfo? file, string option, out string? text)
    {
        text = null;
        if (file is null)
        {
            return null;
        }

        if (!file.Exists || file.Length > MaxFileBytes)
        {
            console.Error($"{option}: '{file.FullName}' does not exist or is larger than {MaxFileBytes} bytes");
            return ExitCodes.InvalidInput;
        }

        text = File.ReadAllText(file.FullName);
        return null;
    }
}
