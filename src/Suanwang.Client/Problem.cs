using System.Text.Json;

namespace Suanwang.Client;

/// <summary>An error answer's RFC 9457 problem details, as far as the body had them.</summary>
/// <param name="Title">The problem's title.</param>
/// <param name="Detail">The problem's detail, or the start of a body that is not problem+json (a proxy's page, say).</param>
/// <param name="Field">The field at fault.</param>
/// <param name="Line">The line of the request body at fault.</param>
/// <param name="Extensions">Every other member whose value is a string.</param>
internal sealed record Problem(string? Title, string? Detail, string? Field, int? Line, IReadOnlyDictionary<string, string> Extensions)
{
    // A body this long that is not problem+json is a page, not a message worth a line.
    private const int MaxTextDetail = 200;

    private static readonly Dictionary<string, string> s_none = [];

    /// <summary>Reads the problem from an error answer; a body that cannot be read gives an empty problem.</summary>
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = "";
        }

        return Parse(body);
    }

    private static Problem Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var member in root.EnumerateObject())
                {
                    if (member.Value.ValueKind == JsonValueKind.String)
                    {
                        extensions[member.Name] = member.Value.GetString()!;
                    }
                }

                return new Problem(
                    Take(extensions, "title"),
                    Take(extensions, "detail"),
                    Take(extensions, "field"),
                    root.TryGetProperty("line", out var line) && line.TryGetInt32(out var number) ? number : null,
                    extensions);
            }
        }
        catch (JsonException)
        {
            // Not problem+json: keep a short body as the detail.
        }

        var text = body.Trim();
        return new Problem(null, text.Length is > 0 and < MaxTextDetail ? text : null, null, null, s_none);
    }

    private static string? Take(Dictionary<string, string> members, string name) =>
        members.Remove(name, out var value) ? value : null;
}
