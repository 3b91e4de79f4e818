using System.CommandLine;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary>The options every client command shares: where the server is, the key, the data folder and the output format.</summary>
internal sealed class ClientOptions
{
    private readonly Option<string?> _server = new("--server") { Description = $"Server URL (else ${ClientSettings.ServerVariable}, else client.json in the data folder)" };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = $"API key (else ${ClientSettings.ApiKeyVariable}, else client.json in the data folder)" };
    private readonly Option<string?> _data = new("--data") { Description = "Data folder of 'suanwang up' whose client.json to read (default ~/.suanwang)" };
    private readonly Option<string> _format;

    /// <summary>The shared options with the usual <c>--format table|json</c>.</summary>
    public ClientOptions()
        : this(FormatOption.Create())
    {
    }

    /// <summary>The shared options with a command's own <c>--format</c> (<c>statement</c> also writes csv and html); read it with <see cref="ParseResult.GetValue{T}(Option{T})"/>.</summary>
    public ClientOptions(Option<string> format) => _format = format;

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_server);
        command.Options.Add(_apiKey);
        command.Options.Add(_data);
        command.Options.Add(_format);
    }

    /// <summary>The output format asked for.</summary>
    public OutputFormat Format(ParseResult parse) => FormatOption.Parse(parse.GetValue(_format));

    /// <summary>A client for the server the options, the environment or client.json name.</summary>
    public async Task<SuanwangClient> ConnectAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = await ClientSettings.ResolveAsync(
            parse.GetValue(_server),
            parse.GetValue(_apiKey),
            parse.GetValue(_data),
            Environment.GetEnvironmentVariable,
            cancellationToken).ConfigureAwait(false);
        return new SuanwangClient(settings);
    }
}
