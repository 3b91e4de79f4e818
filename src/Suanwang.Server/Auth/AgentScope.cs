using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Suanwang.Core.Schemas;
using Suanwang.Server.Http;

namespace Suanwang.Server.Auth;

/// <summary>Holds an agent key to the one site it was issued for; admin keys act for every site.</summary>
internal static class AgentScope
{
    /// <summary>403 naming both sites when <paramref name="user"/> holds the agent key of another site than <paramref name="site"/>; null when it may act.</summary>
    public static ProblemHttpResult? Refuse(ClaimsPrincipal user, string site)
    {
        var own = user.FindFirstValue(Caller.SiteClaim);
        if (user.HasClaim(Caller.AdminClaim, "true") || own == site)
        {
            return null;
        }

        var named = PlainText.Quote(site);
        return own is null
            ? Problems.Forbidden($"site {named} takes an admin key or its own agent key")
            : Problems.Forbidden($"this is the agent key of site {own}; it may not act for site {named}", "site");
    }
}
