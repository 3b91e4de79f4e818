using System.CommandLine;
using Suanwang.Cli.Interaction;
using Suanwang.Core.Errors;

namespace Suanwang.Cli.Commands;

/// <summary>The shared <c>--format table|json</c> option.</summary>
internal static class FormatOption
{
    public static Option<string> Create() => new("--format")
    {
        Description = "table (default) or json: one JSON object on standard output",
        DefaultValueFactory = _ => "table",
    };

    public static OutputFormat Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "table" or null => OutputFormat.Table,
        "json" => OutputFormat.Json,
        _ => throw new InputException("--format", 0, "--format", $"'{value}' is not one of table, json"),
    };
}
