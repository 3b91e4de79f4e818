using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Suanwang.Portal.Security;

namespace Suanwang.Portal.Pages;

/// <summary>Ends the session (POST only, with the antiforgery token).</summary>
[ProviderPage]
public sealed class SignOutModel : PageModel
{
    /// <summary>A GET changes nothing: back to the portal.</summary>
    public IActionResult OnGet() => LocalRedirect("/");

    /// <summary>Deletes the session cookie and goes to sign-in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PortalAuthentication.Scheme).ConfigureAwait(false);
        return LocalRedirect("/sign-in");
    }
}
