using Suanwang.Client;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Server;

/// <summary>
/// The agent's side of the agent protocol. Implementations throw <see cref="StaleEpochException"/> when
/// the server wants a new registration and <see cref="ApiException"/> for any other failure: with
/// <see cref="ApiException.IsUnavailable"/> when the server cannot be reached (try again later), without
/// it when the server refuses the call.
/// </summary>
public interface IServerClient
{
    /// <summary>Registers the site and returns the epoch every later call carries.</summary>
    Task<AgentRegistered> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken);

    /// <summary>Says what the agent runs and receives new assignments and stop orders.</summary>
    Task<HeartbeatReply> HeartbeatAsync(string siteId, Heartbeat heartbeat, CancellationToken cancellationToken);

    /// <summary>Delivers reports in order and receives one answer per report.</summary>
    Task<ReportReply> ReportAsync(string siteId, ReportBatch batch, CancellationToken cancellationToken);
}
