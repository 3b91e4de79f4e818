using Suanwang.ControlPlane.Policy;

namespace Suanwang.Server.Gateway;

/// <summary>Where a request may be served: the key's and header's countries narrowed by the data law (null: anywhere), with the law's answer when it was asked.</summary>
internal sealed record LawfulCountries(IReadOnlyList<string>? Allowed, LawAnswer? Law);
