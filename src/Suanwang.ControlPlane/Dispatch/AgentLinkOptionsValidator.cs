using Microsoft.Extensions.Options;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>Refuses non-positive agent timeouts and heartbeat intervals, and a negative log cap, at start-up.</summary>
public sealed class AgentLinkOptionsValidator : IValidateOptions<AgentLinkOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AgentLinkOptions options) =>
        options.AgentTimeout <= TimeSpan.Zero || options.HeartbeatInterval <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail("the agent timeout and heartbeat interval must be positive")
            : options.MaxJobLogBytes < 0
                ? ValidateOptionsResult.Fail("the per-job log cap must be 0 or more bytes")
                : ValidateOptionsResult.Success;
}
