namespace Suanwang.Storage;

/// <summary>The right to run the scheduler loop; disposing gives it up.</summary>
public interface ISchedulerLease : IAsyncDisposable
{
    /// <summary>False once the lease is known lost (its database connection broke).</summary>
    Task<bool> IsHeldAsync(CancellationToken cancellationToken);
}
