using Suanwang.Agent.Sandbox;

namespace Suanwang.Agent.Tests.Sandbox;

public sealed class TenantNamesTests
{
    [Theory]
    [InlineData("acme", "sw-acme")]
    [InlineData("team-7", "sw-team-7")]
    [InlineData("a2345678901234567890123456789", "sw-a2345678901234567890123456789")]
    public void User_OfASafeShortTenant_IsSwAndTheTenant(string tenant, string user) =>
        Assert.Equal(user, TenantNames.User(tenant));

    [Theory]
    [InlineData("a23456789012345678901234567890")]
    [InlineData("a-very-long-tenant-name-that-goes-on-and-on-past-any-user-name-limit")]
    [InlineData("Acme")]
    [InlineData("x:y/../root")]
    [InlineData("")]
    public void User_OfAnUnsafeOrLongTenant_IsBoundedSafeAndHashed(string tenant)
    {
        var user = TenantNames.User(tenant);

        Assert.InRange(user.Length, 4, TenantNames.MaxUserName);
        Assert.Matches(@"\Asw-[a-z0-9_-]+\z", user);
        Assert.Equal(user, TenantNames.User(tenant));
    }

    [Fact]
    public void User_OfTwoLongTenantsWithTheSamePrefix_Differs() =>
        Assert.NotEqual(
            TenantNames.User("a-very-long-tenant-name-that-goes-on-and-on-1"),
            TenantNames.User("a-very-long-tenant-name-that-goes-on-and-on-2"));

    [Fact]
    public void Folder_OfAnUnsafeTenant_StaysInsideItsParent()
    {
        var folder = TenantNames.Folder("../../etc");

        Assert.DoesNotContain('/', folder);
        Assert.DoesNotContain("..", folder, StringComparison.Ordinal);
    }
}
