using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Suanwang.Protocol;

namespace Suanwang.Server.Http;

/// <summary>Reads request bodies under the size limit, so every oversized or malformed body becomes a problem, never an exception.</summary>
internal sealed class RequestBodies
{
    private static readonly JsonSerializerOptions s_strict = new(ProtocolJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,

        // As strict as the job spec: a repeated key ("amount" twice, last one winning) or a field
        // the server does not know is an error, and numbers are JSON numbers, not strings.
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Creates a reader with the byte limit of the server's options.</summary>
    public RequestBodies(long limit) => Limit = limit;

    /// <summary>Largest body accepted, in bytes.</summary>
    public long Limit { get; }

    /// <summary>The media type of the request without parameters, lower case; null when absent or malformed.</summary>
    public static string? MediaType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;

    /// <summary>The body as UTF-8 text, or a 413 problem when it is over the limit.</summary>
    public async Task<(string? Text, ProblemHttpResult? Problem)> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > Limit)
        {
            return (null, Problems.TooLarge(Limit));
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > Limit)
                {
                    return (null, Problems.TooLarge(Limit));
                }

                buffer.Write(chunk, 0, read);
            }

            return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(Limit));
        }
    }

    /// <summary>
    /// The body as JSON of type <typeparamref name="T"/>; a problem naming the field for bad JSON,
    /// 415 for another media type, 413 over the limit. An empty body gives <paramref name="empty"/>.
    /// </summary>
    public async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, T? empty, CancellationToken cancellationToken)
        where T : class
    {
        var type = MediaType(request);
        if (request.ContentLength is not 0 && type is not null && type != "application/json" && !type.EndsWith("+json", StringComparison.Ordinal))
        {
            return (null, Problems.UnsupportedType(request.ContentType, "application/json"));
        }

        var (text, problem) = await ReadTextAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return empty is not null ? (empty, null) : (null, Problems.BadField("", "the request body is empty; send a JSON object"));
        }

        return Parse<T>(text);
    }

    /// <summary>JSON text as <typeparamref name="T"/>, or a problem naming the field and line.</summary>
    public static (T? Value, ProblemHttpResult? Problem) Parse<T>(string text)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(text, s_strict);
            return value is null ? (null, Problems.BadField("", "the request body is null; send a JSON object")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is null or "$" ? MissingProperty(ex.Message) : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
            var line = ex.LineNumber is long l ? (int)l + 1 : (int?)null;
            return (null, Problems.Of(StatusCodes.Status400BadRequest, "Invalid request", FirstSentence(ex.Message), field, line));
        }
    }

    // "... was missing required properties including: 'currency'." names the first missing field.
    private static string MissingProperty(string message)
    {
        const string Marker = "including: '";
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        var end = message.IndexOf('\'', at + Marker.Length);
        return end < 0 ? "" : message[(at + Marker.Length)..end];
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $.x | LineNumber: ..." which the extensions already carry.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
