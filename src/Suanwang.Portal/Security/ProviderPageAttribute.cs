namespace Suanwang.Portal.Security;

/// <summary>Marks a page (or endpoint) a provider's session may open; every other page is for tenant and admin sessions, and answers a provider with the Forbidden page.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class ProviderPageAttribute : Attribute;
