using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Portal.Security;
using Suanwang.Storage.Tenants;

namespace Suanwang.Portal.Pages;

/// <summary>Sign in with an API key; the session cookie keeps the key's id and hash, encrypted.</summary>
public sealed class SignInModel(ITenantStore store, TimeProvider time) : PageModel
{
    // API keys are 43 characters; anything much longer is not a key.
    private const int MaxKeyLength = 200;

    /// <summary>Where to go after signing in (a local path).</summary>
    [BindProperty(SupportsGet = true, Name = "return")]
    public string? Return { get; set; }

    /// <summary>The text name of the reason the last attempt failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the key and starts a session, or shows why not (401).</summary>
    public async Task<IActionResult> OnPostAsync(string? key, CancellationToken cancellationToken)
    {
        key = key?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            Error = string.IsNullOrEmpty(key) ? "SignIn.Missing" : "SignIn.Unknown";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var hash = ApiKeys.Hash(key);
        var record = await store.FindApiKeyAsync(hash, cancellationToken).ConfigureAwait(false);
        Error = PortalAuthentication.Problem(record, time.GetUtcNow());
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(PortalAuthentication.Scheme, PortalAuthentication.Principal(record!, hash)).ConfigureAwait(false);
        return LocalRedirect(Url.IsLocalUrl(Return) ? Return! : record!.Owner is null ? "/market" : "/provider");
    }
}
