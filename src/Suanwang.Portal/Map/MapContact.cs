namespace Suanwang.Portal.Map;

/// <summary>An orbital site's next contact: the other end of the link and when the window opens and closes.</summary>
/// <param name="Site">The orbital site.</param>
/// <param name="Other">The site at the link's other end.</param>
/// <param name="Open">When the window next opens (now, when it is open).</param>
/// <param name="Close">When that window closes.</param>
public sealed record MapContact(string Site, string Other, DateTimeOffset Open, DateTimeOffset Close);
