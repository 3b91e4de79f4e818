using Suanwang.Core.Sites;
using Suanwang.Scheduling.Tokens;

namespace Suanwang.Simulation.Tokens;

/// <summary>One simulated model replica: the router's endpoint, the site it runs at and its hardware.</summary>
/// <param name="Endpoint">What the router sees.</param>
/// <param name="Site">The site.</param>
/// <param name="Hardware">The cards that serve it and the service times they give.</param>
public sealed record InferenceSite(InferenceEndpoint Endpoint, Site Site, EndpointHardware Hardware);
