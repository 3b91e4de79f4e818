using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Suanwang.Portal.Localization;

namespace Suanwang.Portal.Pages;

/// <summary>Switches the portal's language and remembers it for a year in a cookie.</summary>
public sealed class LanguageModel : PageModel
{
    /// <summary>A GET changes nothing: back to the portal.</summary>
    public IActionResult OnGet() => LocalRedirect("/");

    /// <summary>Sets the language cookie and goes back to the page the switch was on (400 for a language the portal lacks).</summary>
    public IActionResult OnPost(string? language, [FromForm(Name = "return")] string? back)
    {
        var chosen = PortalLanguage.Normalize(language);
        if (chosen is null)
        {
            return BadRequest($"language: '{Suanwang.Core.Schemas.PlainText.Quote(language ?? "")}' is not one of {string.Join(", ", PortalLanguage.All)}");
        }

        Response.Cookies.Append(PortalLanguage.CookieName, chosen, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return LocalRedirect(Url.IsLocalUrl(back) ? back! : "/");
    }
}
