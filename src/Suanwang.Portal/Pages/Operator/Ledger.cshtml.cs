using Microsoft.AspNetCore.Mvc;
using Suanwang.Storage;
using Suanwang.Storage.Market;

namespace Suanwang.Portal.Pages.Operator;

/// <summary><c>ledger verify</c> in the portal (admin only): the same store check as the CLI and <c>GET /api/v1/ledger/verify</c>, run on each visit.</summary>
public sealed class LedgerModel(IStore store) : PortalPage
{
    /// <summary>The check's result.</summary>
    public LedgerCheck Check { get; private set; } = null!;

    /// <summary>Runs the check; 403 without an admin session.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (DeniedToNonAdmin())
        {
            return Page();
        }

        Check = await store.VerifyLedgerAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }
}
