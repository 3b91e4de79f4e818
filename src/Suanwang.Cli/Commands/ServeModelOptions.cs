using System.CommandLine;
using Suanwang.Agent.Models;
using Suanwang.Cli.Interaction;
using Suanwang.Core.Errors;
using Suanwang.Inference;

namespace Suanwang.Cli.Commands;

/// <summary>
/// The flags of <c>up</c> and <c>agent</c> that make the agent serve GGUF models itself:
/// <c>--serve-model NAME=PATH</c> (repeatable), <c>--model-port</c>, <c>--model-capacity</c>, <c>--model-context</c>.
/// </summary>
internal sealed class ServeModelOptions
{
    private readonly Option<string[]> _serve = new("--serve-model") { Description = "Serve a GGUF model through the built-in OpenAI-compatible server, as NAME=PATH (repeatable)" };
    private readonly Option<int?> _port = WholeNumberOption.Create("--model-port", "Port on 127.0.0.1 of the model server (one --serve-model only; default: a free port)", 0, 65535);
    private readonly Option<int?> _capacity = WholeNumberOption.Create("--model-capacity", "Requests each served model decodes together (default 4)", 1, 256);
    private readonly Option<int?> _context = WholeNumberOption.Create("--model-context", "Tokens one request may use, prompt and output (default: the model's, at most 4096)", 16, 1_048_576);

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public static ServeModelOptions AddTo(Command command)
    {
        var options = new ServeModelOptions();
        command.Options.Add(options._serve);
        command.Options.Add(options._port);
        command.Options.Add(options._capacity);
        command.Options.Add(options._context);
        return options;
    }

    /// <summary>Starts the servers the flags ask for (none without --serve-model) and says where each listens.</summary>
    public async Task<ServedModels> StartAsync(ParseResult parse, ConsoleInteraction console, CancellationToken cancellationToken)
    {
        var models = Read(parse, console.Note);
        ServedModels served;
        try
        {
            served = await ServedModels.StartAsync(models, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ArgumentException or LLama.Exceptions.LoadWeightsFailedException or LLama.Exceptions.RuntimeError)
        {
            throw new InputException("--serve-model", 0, "--serve-model", $"cannot serve the model: {e.Message}");
        }

        foreach (var endpoint in served.Endpoints)
        {
            console.WriteLine($"Model {endpoint.ModelId} is served at {endpoint.Url} (context {endpoint.ContextLength} tokens, capacity {endpoint.Capacity})");
        }

        return served;
    }

    private List<ModelServerOptions> Read(ParseResult parse, Action<string> log)
    {
        var specs = parse.GetValue(_serve) ?? [];
        var port = parse.GetValue(_port);
        if (port is not null && specs.Length != 1)
        {
            throw new InputException("--model-port", 0, "--model-port", "--model-port needs exactly one --serve-model; with several, each takes a free port");
        }

        var models = new List<ModelServerOptions>(specs.Length);
        foreach (var spec in specs)
        {
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? spec[..equals].Trim() : "";
            var path = equals > 0 ? spec[(equals + 1)..].Trim() : "";
            if (name.Length == 0 || path.Length == 0 || name.Length > 256 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                throw new InputException("--serve-model", 0, "--serve-model", $"'{spec}' is not NAME=PATH (a model id without spaces, then the GGUF file)");
            }

            if (!File.Exists(path))
            {
                throw new InputException("--serve-model", 0, "--serve-model", $"no model file at {path}");
            }

            if (models.Exists(m => m.ModelId == name))
            {
                throw new InputException("--serve-model", 0, "--serve-model", $"the model id '{name}' is given twice");
            }

            models.Add(new ModelServerOptions
            {
                ModelId = name,
                ModelPath = Path.GetFullPath(path),
                Port = port ?? 0,
                Capacity = parse.GetValue(_capacity) ?? 4,
                ContextLength = parse.GetValue(_context) ?? 0,
                // Two threads: a site's agent shares the machine with the jobs it runs.
                Threads = 2,
                Log = log,
            });
        }

        return models;
    }
}
