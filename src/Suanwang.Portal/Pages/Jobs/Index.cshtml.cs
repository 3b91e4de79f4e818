using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Portal.Pages.Jobs;

/// <summary>Jobs newest first: a tenant's own, or an admin's view of all; the page's script refreshes the states of those still going.</summary>
public sealed class IndexModel(IJobStore store) : PortalPage
{
    /// <summary>Jobs per page.</summary>
    public const int PageSize = 50;

    /// <summary>The jobs shown.</summary>
    public IReadOnlyList<JobRecord> Jobs { get; private set; } = [];

    /// <summary>The state filter, when one is set.</summary>
    public string? State { get; private set; }

    /// <summary>The cursor of the next page; null on the last.</summary>
    public long? Next { get; private set; }

    /// <summary>Lists the jobs; 400 naming the field for a bad filter or cursor.</summary>
    public async Task<IActionResult> OnGetAsync(string? state, string? before, CancellationToken cancellationToken)
    {
        JobState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            filter = state.Length <= 16 ? JobStates.Parse(state) : null;
            if (filter is null)
            {
                return BadRequest("state: not one of queued, placed, running, succeeded, failed, cancelled, preempted");
            }

            State = state;
        }

        long? cursor = null;
        if (!string.IsNullOrEmpty(before))
        {
            if (before.Length > 19 || !long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b < 1)
            {
                return BadRequest("before: not a job id");
            }

            cursor = b;
        }

        Jobs = await store.ListJobsAsync(new JobQuery(Me.Admin ? null : Me.Tenant, filter, null, cursor, PageSize), cancellationToken).ConfigureAwait(false);
        Next = Jobs.Count == PageSize ? Jobs[^1].Id : null;
        return Page();
    }
}
