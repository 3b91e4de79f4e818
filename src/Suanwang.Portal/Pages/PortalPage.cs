using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Suanwang.Portal.Security;

namespace Suanwang.Portal.Pages;

/// <summary>A portal page behind the session: the signed-in user is <see cref="Me"/>.</summary>
public abstract class PortalPage : PageModel
{
    /// <summary>The signed-in user (every page but sign-in requires one).</summary>
    public PortalUser Me => PortalUser.From(User) ?? throw new InvalidOperationException("the portal page was reached without a session");

    /// <summary>Whether an admin-only page was opened by a session that is not an admin's: the page says so, with 403.</summary>
    public bool Denied { get; private set; }

    /// <summary>For an admin-only page: true, with <see cref="Denied"/> set and status 403, when the session is not an admin's.</summary>
    protected bool DeniedToNonAdmin()
    {
        if (Me.Admin)
        {
            return false;
        }

        Denied = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return true;
    }
}
