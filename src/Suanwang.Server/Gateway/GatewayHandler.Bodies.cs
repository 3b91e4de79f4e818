using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Suanwang.Server.Gateway;

internal sealed partial class GatewayHandler
{
    // The body to forward for a stream: the same request asking for the usage chunk at its end.
    // The client's bytes pass as they are when they ask for it already, or get the option spliced
    // in after the opening brace when they name no stream_options; only a body whose
    // stream_options leave usage out is written anew.
    private static ReadOnlyMemory<byte> WithStreamUsage(GatewayRequest request)
    {
        var bytes = request.Body;
        switch (request.StreamUsageAsked)
        {
            case GatewayRequest.StreamUsage.Asked:
                return bytes;
            case GatewayRequest.StreamUsage.Absent:
                var source = bytes.Span;
                var open = source.IndexOf((byte)'{') + 1;
                var option = "\"stream_options\":{\"include_usage\":true},"u8;
                var spliced = new byte[source.Length + option.Length];
                source[..open].CopyTo(spliced);
                option.CopyTo(spliced.AsSpan(open));
                source[open..].CopyTo(spliced.AsSpan(open + option.Length));
                return spliced;
        }

        var body = (JsonObject)JsonNode.Parse(bytes.Span)!;
        if (body["stream_options"] is JsonObject streamOptions)
        {
            streamOptions["include_usage"] = true;
        }
        else
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.MaxRequestBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // The gateway's own limit, above the REST API's; it answers 413 itself in OpenAI's body.
            size.MaxRequestBodySize = limit + 1L;
        }

        if (request.ContentLength > limit)
        {
            throw new GatewayError(413, $"The request body is {request.ContentLength} bytes; the limit is {limit}.", "invalid_request_error", null, "request_too_large");
        }

        var buffer = new byte[request.ContentLength is { } length ? (int)length : 16 * 1024];
        var read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (read > limit)
                {
                    throw new GatewayError(413, $"The request body is over the limit of {limit} bytes.", "invalid_request_error", null, "request_too_large");
                }

                Array.Resize(ref buffer, Math.Min(limit + 1, buffer.Length * 2));
            }

            var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
            if (read > limit)
            {
                throw new GatewayError(413, $"The request body is over the limit of {limit} bytes.", "invalid_request_error", null, "request_too_large");
            }
        }

        if (read == 0)
        {
            throw GatewayError.Invalid(null, "The request has no body; send a JSON object.", "invalid_json");
        }

        return buffer.AsMemory(0, read);
    }

    // The whole answer in a buffer from the shared pool (the caller returns it) and its length.
    private static async Task<(byte[] Buffer, int Length)> ReadLimitedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(content.Headers.ContentLength is { } length && length < limit ? (int)length + 1 : 4096);
            var read = 0;
            try
            {
                while (true)
                {
                    if (read == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, read).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return (buffer, read);
                    }

                    read += n;
                    if (read > limit)
                    {
                        throw new GatewayError(502, $"The endpoint's answer is over {limit} bytes.", "server_error", null, "upstream_too_large");
                    }
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
    }
}
