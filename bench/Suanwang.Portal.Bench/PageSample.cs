using System.Net;

namespace Suanwang.Portal.Bench;

/// <summary>One measured request: the portal route it stands for, the path, who asks, and the answer it must get.</summary>
/// <param name="Route">The route as <see cref="PortalRoutes"/> names it.</param>
/// <param name="Path">Path and query sent.</param>
/// <param name="Who">"admin" or "tenant": whose session sends it.</param>
/// <param name="Form">The form posted with the page's antiforgery token; null for a GET.</param>
/// <param name="Expected">The status it must answer.</param>
internal sealed record PageSample(string Route, string Path, string Who = "admin", IReadOnlyList<KeyValuePair<string, string>>? Form = null, HttpStatusCode Expected = HttpStatusCode.OK);
