using Microsoft.Extensions.Options;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Queue;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>Refuses an unknown queue policy or objective and non-positive intervals at start-up.</summary>
public sealed class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        var failures = new List<string>();
        if (ObjectiveWeights.ForName(options.Objective) is null)
        {
            failures.Add($"objective '{options.Objective}' is not one of time, cost, carbon, balanced");
        }

        if (!QueuePolicies.Names.Contains(options.QueuePolicy.ToLowerInvariant()))
        {
            failures.Add($"queue policy '{options.QueuePolicy}' is not one of {string.Join(", ", QueuePolicies.Names)}");
        }

        if (options.SchedulerInterval <= TimeSpan.Zero || options.LeaseRetryInterval <= TimeSpan.Zero)
        {
            failures.Add("the scheduler interval and lease retry interval must be positive");
        }

        if (options.PreemptAfter < TimeSpan.Zero || options.ResizeAfter < TimeSpan.Zero || options.StopConfirmSlack < TimeSpan.Zero)
        {
            failures.Add("the preemption, resize and stop-confirmation intervals must not be negative");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
