using System.Net;

namespace Suanwang.EndToEnd.Tests.Support.Chaos;

/// <summary>What the server answered: its status, body and the headers the load reads.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body as text.</param>
/// <param name="NextOffset">A log read's <c>Suanwang-Next-Offset</c>, if any.</param>
internal sealed record ChaosAnswer(HttpStatusCode Status, string Body, long? NextOffset)
{
    /// <summary>201 or 200.</summary>
    public bool Succeeded => Status is HttpStatusCode.Created or HttpStatusCode.OK;
}
