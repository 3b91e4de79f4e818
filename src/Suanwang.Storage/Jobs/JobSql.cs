using Suanwang.Core.Jobs;
using Suanwang.Core.Market;

namespace Suanwang.Storage.Jobs;

/// <summary>
/// The state lists and names both dialects put into their compare-and-sets, taken from
/// <see cref="JobLifecycle"/> and <see cref="OrderLifecycle"/> so that the SQL never re-encodes them.
/// </summary>
internal static class JobSql
{
    /// <summary>The columns the job readers read, in order (<see cref="JobRows"/>).</summary>
    public const string Columns =
        "id, tenant, name, document, spec, state, priority, site, pool, nodes, cards_per_node, devices, fence, submitted_at, started_at, ended_at, exit_code, accelerator_seconds, reason, pinned_site";

    /// <summary><see cref="Columns"/> with the document and spec text only of jobs with ids above the parameter <c>@after</c>.</summary>
    public static readonly string ColumnsWithDocumentsAfter = Columns.Replace(" document, spec,", " CASE WHEN id > @after THEN document END, CASE WHEN id > @after THEN spec END,", StringComparison.Ordinal);

    /// <summary>The stored name of a job's first state.</summary>
    public static readonly string Initial = JobStates.Name(JobLifecycle.Initial);

    /// <summary>States a job is not done in, as an SQL list.</summary>
    public static readonly string Active = JobStates.SqlList(JobLifecycle.Active);

    /// <summary>States a job holds a placement in (what a report, requeue or meter acts on), as an SQL list.</summary>
    public static readonly string Holding = JobStates.SqlList(JobLifecycle.Holding);

    /// <summary>States a job never leaves, as an SQL list.</summary>
    public static readonly string Final = JobStates.SqlList(Enum.GetValues<JobState>().Where(JobStates.IsFinal));

    /// <summary>The open order state an order is settled from, as an SQL list.</summary>
    public static readonly string Settleable = OrderLifecycle.SqlList(OrderLifecycle.Sources(OrderTrigger.Settle));

    /// <summary>The state a settled order moves to.</summary>
    public static readonly string Settled = OrderLifecycle.Target(OrderTrigger.Settle);

    /// <summary>The states <paramref name="trigger"/> moves a job out of, as an SQL list.</summary>
    public static string From(JobTrigger trigger) => JobStates.SqlList(JobLifecycle.Sources(trigger));

    /// <summary>The stored name of the state <paramref name="trigger"/> moves a job to.</summary>
    public static string To(JobTrigger trigger) => JobStates.Name(JobLifecycle.Target(trigger));
}
