using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Suanwang.Core.Schemas;
using Suanwang.Server.Http;

namespace Suanwang.Server.Auth;

/// <summary>Holds a provider key to the one owner it was issued for; admin keys read every provider.</summary>
internal static class ProviderScope
{
    /// <summary>
    /// 404 when <paramref name="user"/> holds the provider key of another owner than
    /// <paramref name="owner"/>, the same answer whether that owner exists or not; null when it may read.
    /// </summary>
    public static ProblemHttpResult? Refuse(ClaimsPrincipal user, string owner) =>
        user.HasClaim(Caller.AdminClaim, "true") || user.FindFirstValue(Caller.OwnerClaim) == owner
            ? null
            : Problems.NotFound("provider", PlainText.Quote(owner));
}
