using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;
using Suanwang.Portal.Localization;
using Suanwang.Portal.Market;
using Suanwang.Portal.Operator;
using Suanwang.Portal.Security;
using Suanwang.Storage;

namespace Suanwang.Portal;

/// <summary>Registers the web portal's services in a host that runs the Suanwang server.</summary>
public static class PortalServiceCollectionExtensions
{
    /// <summary>
    /// Adds Razor Pages from this assembly (every page but sign-in needs a portal session), the
    /// portal's cookie scheme, antiforgery with a SameSite=Strict cookie, and the texts of the request's language.
    /// With a <paramref name="dataFolder"/>, the data protection keys that encrypt the cookies are
    /// kept in its <c>portal-keys</c> folder, so sessions outlive a restart.
    /// </summary>
    public static IServiceCollection AddSuanwangPortal(this IServiceCollection services, string? dataFolder = null)
    {
        var protection = services.AddDataProtection().SetApplicationName("suanwang-portal");
        if (dataFolder is not null)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "portal-keys")));
        }

        services.AddHttpContextAccessor();

        // Razor writes Chinese as it is rather than as character references; what HTML needs
        // escaped still is, bidirectional controls too (a textarea gets the user's text back as
        // typed), and Inert.Text makes them visible escapes wherever user text is shown.
        var text = new TextEncoderSettings(UnicodeRanges.All);
        text.ForbidCharacters('\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069');
        services.Configure<WebEncoderOptions>(encoder => encoder.TextEncoderSettings = text);
        services.AddSingleton<OfferCache>();
        services.AddSingleton(sp => new LedgerChecks(sp.GetRequiredService<IStore>().VerifyLedgerAsync, sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => Texts.For(sp.GetRequiredService<IHttpContextAccessor>()));
        PortalAuthentication.Add(services);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "suanwang_csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__csrf";
            antiforgery.HeaderName = "X-CSRF";

            // SecurityHeaders sends DENY; antiforgery's own SAMEORIGIN would weaken it.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/", PortalAuthentication.Policy);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/Language");
            pages.Conventions.AllowAnonymousToPage("/Forbidden");
        }).AddApplicationPart(typeof(PortalServiceCollectionExtensions).Assembly);
        return services;
    }
}
