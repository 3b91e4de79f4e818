using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Suanwang.Inference.Api;

// Reads a request body as one JSON object, refusing a body over the limit (413) before it is all
// read, and malformed JSON (400), so nothing unbounded is buffered or parsed.
internal static class RequestBody
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 16 };

    public static async Task<JsonDocument> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            // Kestrel's own limit would answer with its own body; ours is checked below.
            feature.MaxRequestBodySize = null;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                throw TooLarge(limit);
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.WrittenMemory, s_options);
        }
        catch (JsonException e)
        {
            throw new ApiError(400, $"We could not parse the JSON body of your request: {e.Message}", "invalid_request_error", null, "invalid_json");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ApiError(400, "The request body must be a JSON object.", "invalid_request_error", null, "invalid_json");
        }

        return document;
    }

    private static ApiError TooLarge(long limit) =>
        new(413, $"The request body is larger than this server accepts ({limit} bytes).", "invalid_request_error", null, "request_too_large");
}
