using Suanwang.Core.Market;

namespace Suanwang.Core.Tests.Market;

public sealed class PostingTests
{
    [Fact]
    public void A_balanced_posting_is_created()
    {
        var posting = Posting.Create("topup", "acme", null, "m", [new("a", "CNY", -5), new("b", "CNY", 5)]);
        Assert.Equal(2, posting.Lines.Count);
    }

    [Fact]
    public void Unbalanced_lines_are_refused() =>
        Assert.Throws<ArgumentException>(() => Posting.Create("topup", null, null, "m", [new("a", "CNY", -5), new("b", "CNY", 4)]));

    [Fact]
    public void Each_currency_must_balance_on_its_own() =>
        Assert.Throws<ArgumentException>(() => Posting.Create("topup", null, null, "m", [new("a", "CNY", -5), new("b", "USD", 5)]));

    [Fact]
    public void One_line_is_not_a_posting() =>
        Assert.Throws<ArgumentException>(() => Posting.Create("topup", null, null, "m", [new("a", "CNY", 0)]));

    [Fact]
    public void Zero_lines_and_repeated_accounts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Posting.Create("x", null, null, "m", [new("a", "CNY", 0), new("b", "CNY", 0)]));
        Assert.Throws<ArgumentException>(() => Posting.Create("x", null, null, "m", [new("a", "CNY", -5), new("a", "CNY", 2), new("b", "CNY", 3)]));
    }

    [Fact]
    public void Wallets_and_holds_floor_at_zero_other_accounts_do_not()
    {
        Assert.True(Accounts.FloorsAtZero(Accounts.Wallet("acme")));
        Assert.True(Accounts.FloorsAtZero(Accounts.Hold("acme")));
        Assert.False(Accounts.FloorsAtZero(Accounts.Funding));
        Assert.False(Accounts.FloorsAtZero(Accounts.Payable("jingjin")));
        Assert.False(Accounts.FloorsAtZero(Accounts.Revenue));
    }
}
