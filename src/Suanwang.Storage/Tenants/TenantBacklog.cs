namespace Suanwang.Storage.Tenants;

/// <summary>What a tenant has waiting now, as the caps at admission count it.</summary>
/// <param name="QueuedJobs">Its jobs queued or preempted (waiting to start).</param>
/// <param name="OpenOrders">Its orders not settled yet.</param>
public sealed record TenantBacklog(int QueuedJobs, int OpenOrders);
