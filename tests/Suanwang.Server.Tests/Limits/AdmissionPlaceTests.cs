using Suanwang.ControlPlane.Tenants;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Tests.Limits;

/// <summary>A tenant's admission place: one checker at a time, and a backlog estimate that never undercounts this process's admissions.</summary>
public sealed class AdmissionPlaceTests
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TenantLimitsDirectory Directory() => new(null!, TimeProvider.System);

    [Fact]
    public async Task Estimate_IsTheCountPlusEveryRequestAdmittedSince_AndNoneWhenStale()
    {
        var directory = Directory();
        using (var first = await directory.EnterAsync("acme", CancellationToken.None))
        {
            Assert.Null(first.Estimate(s_now, TimeSpan.FromSeconds(1)));
            Assert.Equal(new TenantBacklog(5, 2), first.Count(new TenantBacklog(5, 2), s_now));
            first.Admit();

            // Admitted but not yet written: the next request counts it.
            using var second = await directory.EnterAsync("acme", CancellationToken.None);
            Assert.Equal(new TenantBacklog(6, 3), second.Estimate(s_now.AddMilliseconds(500), TimeSpan.FromSeconds(1)));
            Assert.Null(second.Estimate(s_now.AddSeconds(2), TimeSpan.FromSeconds(1)));

            // A new count taken while the first is still pending adds it, since the store may not hold it yet.
            Assert.Equal(new TenantBacklog(6, 2), second.Count(new TenantBacklog(5, 1), s_now.AddSeconds(2)));
        }
    }

    [Fact]
    public async Task TheNextRequest_WaitsForTheCheckerUntilItAdmitsOrLeaves_NotForItsWrite()
    {
        var directory = Directory();
        var first = await directory.EnterAsync("acme", CancellationToken.None);
        var second = directory.EnterAsync("acme", CancellationToken.None);
        var other = await directory.EnterAsync("other", CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Admit();
        using (await second)
        {
        }

        first.Dispose();
        other.Dispose();
        using var third = await directory.EnterAsync("acme", CancellationToken.None);
        Assert.Equal(new TenantBacklog(0, 0), third.Count(new TenantBacklog(0, 0), s_now));
    }
}
