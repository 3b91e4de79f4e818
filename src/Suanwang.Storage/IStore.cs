using Suanwang.Storage.Audit;
using Suanwang.Storage.Health;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Logs;
using Suanwang.Storage.Market;
using Suanwang.Storage.Policy;
using Suanwang.Storage.Sites;
using Suanwang.Storage.Tenants;
using Suanwang.Storage.Tokens;

namespace Suanwang.Storage;

/// <summary>
/// All durable state, SQLite by default, PostgreSQL for production: the narrow per-feature stores
/// together, plus what the store's owner needs (migrations, the scheduler lease, disposal).
/// Code that uses one feature takes that feature's interface.
/// </summary>
public interface IStore : IAuditStore, IJobStore, ILogStore, ISiteStore, ITenantStore, IOrderStore, ILedgerStore, IQuoteStore, IUsageStore, IBlockStore, ITokenStore, IPolicyStore, IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Dialect { get; }

    /// <summary>Whether writes get through now, and if not, why: read by <c>/healthz</c>.</summary>
    StoreHealth Health { get; }

    /// <summary>Applies the dialect's plain SQL migrations that have not run yet.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Tries to become the one scheduler among the processes sharing this store (PostgreSQL: a
    /// session advisory lock on a dedicated connection). Returns a lease to dispose when stepping
    /// down, or null when another process holds it. A lease lost with its connection ends the role.
    /// </summary>
    Task<ISchedulerLease?> TryAcquireSchedulerLeaseAsync(CancellationToken cancellationToken);
}
