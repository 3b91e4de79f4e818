using Microsoft.AspNetCore.Mvc.RazorPages;
using Suanwang.Portal.Security;

namespace Suanwang.Portal.Pages;

/// <summary>A portal page behind the session: the signed-in user is <see cref="Me"/>.</summary>
public abstract class PortalPage : PageModel
{
    /// <summary>The signed-in user (every page but sign-in requires one).</summary>
    public PortalUser Me => PortalUser.From(User) ?? throw new InvalidOperationException("the portal page was reached without a session");
}
