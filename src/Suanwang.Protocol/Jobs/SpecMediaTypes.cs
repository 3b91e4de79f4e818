namespace Suanwang.Protocol.Jobs;

/// <summary>The media types a job spec may be sent as (to jobs, quotes and orders): JSON, or YAML under any of its names.</summary>
public static class SpecMediaTypes
{
    /// <summary>A spec as JSON; orders also take a quote or block reference in this type.</summary>
    public const string Json = "application/json";

    /// <summary>A spec as YAML, under the registered name (RFC 9512).</summary>
    public const string Yaml = "application/yaml";

    /// <summary>Every accepted type, JSON last; the first YAML name is the one clients should send.</summary>
    public static readonly IReadOnlyList<string> All = [Yaml, "application/x-yaml", "text/yaml", "text/x-yaml", Json];

    /// <summary>The YAML names among <see cref="All"/>.</summary>
    public static readonly IReadOnlyList<string> YamlTypes = [.. All.Where(t => t != Json)];
}
