using Npgsql;
using Suanwang.Storage.Postgres;

namespace Suanwang.Storage.Tests;

public sealed class PostgresLeaseTests(PostgresDatabases databases) : IClassFixture<PostgresDatabases>
{
    [Fact]
    public async Task SchedulerLease_SessionEndedByTheServer_IsLost_AndAnotherProcessMayTakeIt()
    {
        await using var store = await databases.OpenAsync(this);
        await using var other = await databases.OpenAsync(this);
        var lease = (await store.TryAcquireSchedulerLeaseAsync(CancellationToken.None))!;
        Assert.True(await lease.IsHeldAsync(CancellationToken.None));

        await using (var admin = new NpgsqlConnection(databases.ConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND database = " +
                "(SELECT oid FROM pg_database WHERE datname = current_database()) AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = @key",
                admin);
            terminate.Parameters.AddWithValue("key", PostgresStore.SchedulerLockKey);
            Assert.Equal(1L, await terminate.ExecuteScalarAsync());
        }

        Assert.False(await lease.IsHeldAsync(CancellationToken.None));
        Assert.False(await lease.IsHeldAsync(CancellationToken.None));
        var next = await other.TryAcquireSchedulerLeaseAsync(CancellationToken.None);
        Assert.NotNull(next);
        await next.DisposeAsync();
        await lease.DisposeAsync();
    }
}
