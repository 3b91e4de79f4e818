namespace Suanwang.Scheduling.Framework;

/// <summary>A plugin's answer with a reason a user can read.</summary>
/// <param name="Code">The outcome.</param>
/// <param name="Reason">Why, for anything but success.</param>
public readonly record struct Status(StatusCode Code, string? Reason = null)
{
    /// <summary>The success status.</summary>
    public static Status Success => new(StatusCode.Success);

    /// <summary>True for <see cref="StatusCode.Success"/> and <see cref="StatusCode.Skip"/>.</summary>
    public bool IsSuccess => Code is StatusCode.Success or StatusCode.Skip;

    /// <summary>A retryable rejection.</summary>
    public static Status Unschedulable(string reason) => new(StatusCode.Unschedulable, reason);

    /// <summary>A rejection no change of load fixes.</summary>
    public static Status Unresolvable(string reason) => new(StatusCode.UnschedulableAndUnresolvable, reason);
}
