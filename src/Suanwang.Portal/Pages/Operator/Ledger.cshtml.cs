using Microsoft.AspNetCore.Mvc;
using Suanwang.Portal.Operator;

namespace Suanwang.Portal.Pages.Operator;

/// <summary>
/// <c>ledger verify</c> in the portal (admin only): the last check's result, and a button that runs
/// the same store check as the CLI and <c>GET /api/v1/ledger/verify</c> again.
/// </summary>
public sealed class LedgerModel(LedgerChecks checks) : PortalPage
{
    /// <summary>The last check since the server started; null before the first.</summary>
    public LedgerCheckRun? Last { get; private set; }

    /// <summary>Whether a check is running now.</summary>
    public bool Running { get; private set; }

    /// <summary>Shows the last check's result; 403 without an admin session.</summary>
    public IActionResult OnGet()
    {
        if (DeniedToNonAdmin())
        {
            return Page();
        }

        Last = checks.Last;
        Running = checks.Running;
        return Page();
    }

    /// <summary>Runs a check (or waits for the one running) and shows its result; 403 without an admin session.</summary>
    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (DeniedToNonAdmin())
        {
            return Page();
        }

        await checks.RunAsync().ConfigureAwait(false);
        return LocalRedirect("/operator/ledger");
    }
}
