using System.CommandLine;
using Suanwang.Agent.Models;
using Suanwang.Cli.Interaction;
using Suanwang.Core.Errors;
using Suanwang.Inference;
using Suanwang.Protocol.Tokens;

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
    private readonly Option<string[]> _upstream = new("--upstream") { Description = "Publish an OpenAI-compatible server at this site (vLLM, SGLang, llama-server, Ollama) as NAME=URL, URL ending in /v1 (repeatable)" };
    private readonly Option<string?> _price = new("--token-price") { Description = "Price of the published models per million input/output tokens in the site's currency, as IN/OUT such as 2/6 (default 0/0)" };
    private readonly Option<int?> _upstreamContext = WholeNumberOption.Create("--upstream-context", "Context length of each --upstream model, tokens (default 4096)", 1, 10_000_000);
    private readonly Option<int?> _upstreamCapacity = WholeNumberOption.Create("--upstream-capacity", "Requests each --upstream model serves at once (default 16)", 1, 100_000);
    private readonly Option<string[]> _tokenizer = new("--tokenizer") { Description = "How the gateway counts the prompt of an --upstream model before holding its cost, as NAME=KIND with KIND bytes (default: UTF-8 bytes, a safe upper bound), cl100k or o200k (repeatable)" };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public static ServeModelOptions AddTo(Command command)
    {
        var options = new ServeModelOptions();
        command.Options.Add(options._serve);
        command.Options.Add(options._port);
        command.Options.Add(options._capacity);
        command.Options.Add(options._context);
        command.Options.Add(options._upstream);
        command.Options.Add(options._price);
        command.Options.Add(options._upstreamContext);
        command.Options.Add(options._upstreamCapacity);
        command.Options.Add(options._tokenizer);
        return options;
    }

    /// <summary>Starts the servers the flags ask for (none without --serve-model) and says where each listens.</summary>
    public async Task<ServedModels> StartAsync(ParseResult parse, ConsoleInteraction console, CancellationToken cancellationToken)
    {
        var models = Read(parse, console.Note);
        // Checked here, before anything starts or the data folder is touched.
        _ = Tokenizers(parse.GetValue(_tokenizer) ?? [], parse.GetValue(_upstream) ?? []);
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

    /// <summary>What the site publishes: the models it serves itself and the --upstream servers, at the --token-price.</summary>
    public IReadOnlyList<PublishedModel> Published(ParseResult parse, ServedModels served, string currency)
    {
        ArgumentNullException.ThrowIfNull(served);
        var (input, output) = Prices(parse.GetValue(_price));
        var tokenizers = Tokenizers(parse.GetValue(_tokenizer) ?? [], parse.GetValue(_upstream) ?? []);
        var published = served.Endpoints.Select(e => new PublishedModel(e.ModelId, e.Url, "builtin", e.ContextLength, e.Capacity, input, output, currency, e.TokenizerDigest is null ? SiteModel.Bytes : SiteModel.Gguf, e.TokenizerDigest)).ToList();
        foreach (var spec in parse.GetValue(_upstream) ?? [])
        {
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? spec[..equals].Trim() : "";
            var text = equals > 0 ? spec[(equals + 1)..].Trim() : "";
            if (name.Length == 0 || name.Length > 128 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
                || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new InputException("--upstream", 0, "--upstream", $"'{spec}' is not NAME=URL (a model id without spaces, then an http URL such as http://127.0.0.1:8000/v1)");
            }

            if (published.Exists(m => m.Model == name))
            {
                throw new InputException("--upstream", 0, "--upstream", $"the model id '{name}' is published twice");
            }

            published.Add(new PublishedModel(name, url, "external", parse.GetValue(_upstreamContext) ?? 4096, parse.GetValue(_upstreamCapacity) ?? 16, input, output, currency, tokenizers.GetValueOrDefault(name, SiteModel.Bytes)));
        }

        return published;
    }

    // --tokenizer NAME=KIND for --upstream models: each NAME an --upstream model, given once.
    private static Dictionary<string, string> Tokenizers(string[] specs, string[] upstreams)
    {
        var names = upstreams.Select(u => u.IndexOf('=', StringComparison.Ordinal) is var i and > 0 ? u[..i].Trim() : "").ToHashSet(StringComparer.Ordinal);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? spec[..equals].Trim() : "";
            var kind = equals > 0 ? spec[(equals + 1)..].Trim() : "";
            if (name.Length == 0 || !SiteModel.Tokenizers.Contains(kind) || kind == SiteModel.Gguf)
            {
                throw new InputException("--tokenizer", 0, "--tokenizer", $"'{spec}' is not NAME=KIND with KIND one of {string.Join(", ", SiteModel.Tokenizers.Where(t => t != SiteModel.Gguf))} (gguf is for --serve-model models, which publish it themselves)");
            }

            if (!names.Contains(name))
            {
                throw new InputException("--tokenizer", 0, "--tokenizer", $"'{name}' is not an --upstream model; --tokenizer names one of them");
            }

            if (!kinds.TryAdd(name, kind))
            {
                throw new InputException("--tokenizer", 0, "--tokenizer", $"the tokenizer of '{name}' is given twice");
            }
        }

        return kinds;
    }

    // "2/6" or "0.5/1.5": decimal prices per million input and output tokens.
    private static (decimal Input, decimal Output) Prices(string? text)
    {
        if (text is null)
        {
            return (0, 0);
        }

        var parts = text.Split('/');
        if (parts.Length == 2
            && decimal.TryParse(parts[0], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var input)
            && decimal.TryParse(parts[1], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var output)
            && input is >= 0 and <= 1_000_000_000m && output is >= 0 and <= 1_000_000_000m)
        {
            return (input, output);
        }

        throw new InputException("--token-price", 0, "--token-price", $"'{text}' is not IN/OUT, two prices per million tokens from 0 to 1000000000 such as 2/6");
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
