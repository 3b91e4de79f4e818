namespace Suanwang.Gateway.Bench;

/// <summary>
/// Where the load is sent: an OpenAI-compatible base URL (ending in <c>/v1/</c>), the headers
/// each request carries there, the model asked for, and how to read the CPU time of the process
/// that serves it (null when unknown), and where it reports its own time per request.
/// </summary>
internal sealed record Target(string Name, Uri BaseUrl, IReadOnlyList<KeyValuePair<string, string>> Headers, string Model, Func<TimeSpan>? CpuTime)
{
    /// <summary>The gateway's own measure of its time per request, when it publishes one (Suanwang's /metrics).</summary>
    public OwnTime? Own { get; init; }

    /// <summary>The chat completions URL.</summary>
    public Uri ChatUrl => new(BaseUrl, "chat/completions");

    /// <summary>A base URL as given, with the trailing slash that relative URLs need.</summary>
    public static Uri Base(string url) => new(url.EndsWith('/') ? url : url + "/");
}
