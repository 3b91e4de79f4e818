using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Portal.Pages.Jobs;

/// <summary>One job: state, placement, history, live log, usage and charge; cancel. Someone else's job is 404, as in the REST API.</summary>
public sealed class JobModel(IJobStore jobs, IUsageStore usage, SchedulerSignal signal, MarketOptions market, TimeProvider time) : PortalPage
{
    /// <summary>The job.</summary>
    public JobRecord Job { get; private set; } = null!;

    /// <summary>Its history, oldest first.</summary>
    public IReadOnlyList<JobEvent> Events { get; private set; } = [];

    /// <summary>Its metered runs.</summary>
    public IReadOnlyList<UsageRecord> Usage { get; private set; } = [];

    /// <summary>What its settled runs were charged, in the base currency; null before settlement.</summary>
    public decimal? Charge { get; private set; }

    /// <summary>The base currency.</summary>
    public string BaseCurrency => market.Currency;

    /// <summary>Why a cancel was refused.</summary>
    public string? CancelProblem { get; private set; }

    /// <summary>Shows the job.</summary>
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken).ConfigureAwait(false) ? Page() : NotFound();

    /// <summary>Cancels the job (409 when it has ended) and shows it again.</summary>
    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        var reason = Me.Admin && Me.Tenant != Job.Tenant ? "cancelled by an admin" : $"cancelled by tenant {Me.Tenant}";
        if (await jobs.CancelAsync(id, reason, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is null)
        {
            CancelProblem = "Job.CannotCancel";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        signal.Notify();
        return LocalRedirect("/jobs/" + id.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var job = await jobs.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null || !Me.Sees(job.Tenant))
        {
            return false;
        }

        Job = job;
        Events = await jobs.ListEventsAsync(id, cancellationToken).ConfigureAwait(false);
        Usage = await usage.ListUsageAsync(id, cancellationToken).ConfigureAwait(false);
        var settled = Usage.Where(u => u.Charge is not null).ToList();
        Charge = settled.Count == 0 ? null : settled.Sum(u => MinorUnits.ToDecimal(u.Charge!.Value, market.Currency));
        return true;
    }
}
