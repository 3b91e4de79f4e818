using Suanwang.Core.Market;

namespace Suanwang.Core.Tests.Market;

public sealed class PostingsTests
{
    private static long Sum(Posting posting, string account, string currency = "CNY") =>
        posting.Lines.Where(l => l.Account == account && l.Currency == currency).Sum(l => l.Amount);

    [Fact]
    public void A_top_up_in_the_base_currency_moves_funding_into_the_wallet()
    {
        var posting = Postings.TopUp("acme", 10_000, "CNY", "CNY", 1m, "top-up");
        Assert.Equal(10_000, Sum(posting, Accounts.Wallet("acme")));
        Assert.Equal(-10_000, Sum(posting, Accounts.Funding));
    }

    [Fact]
    public void A_top_up_in_another_currency_converts_at_the_rate_through_exchange()
    {
        var posting = Postings.TopUp("acme", 1_000, "USD", "CNY", 7.10m, "top-up");
        Assert.Equal(7_100, Sum(posting, Accounts.Wallet("acme")));
        Assert.Equal(-1_000, Sum(posting, Accounts.Funding, "USD"));
        Assert.Equal(1_000, Sum(posting, Accounts.Exchange, "USD"));
        Assert.Equal(-7_100, Sum(posting, Accounts.Exchange));
        Assert.True(Posting.IsBalanced(posting.Lines));
    }

    [Fact]
    public void Settling_splits_the_hold_into_payables_commission_and_change()
    {
        var posting = Postings.Settle("acme", "ord_1", 1_000, [new("jingjin", 300, 15), new("ningxia", 200, 10), new("jingjin", 100, 5)], "CNY");
        Assert.Equal(-1_000, Sum(posting, Accounts.Hold("acme")));
        Assert.Equal(380, Sum(posting, Accounts.Payable("jingjin")));
        Assert.Equal(190, Sum(posting, Accounts.Payable("ningxia")));
        Assert.Equal(30, Sum(posting, Accounts.Revenue));
        Assert.Equal(400, Sum(posting, Accounts.Wallet("acme")));
    }

    [Fact]
    public void Settling_with_no_usage_returns_the_whole_hold()
    {
        var posting = Postings.Settle("acme", "ord_1", 1_000, [], "CNY");
        Assert.Equal(2, posting.Lines.Count);
        Assert.Equal(1_000, Sum(posting, Accounts.Wallet("acme")));
    }

    [Fact]
    public void Charges_beyond_the_reservation_cannot_be_settled() =>
        Assert.Throws<ArgumentException>(() => Postings.Settle("acme", "ord_1", 100, [new("jingjin", 101, 0)], "CNY"));

    [Fact]
    public void Reserve_payout_refund_and_block_balance()
    {
        Assert.Equal(-500, Sum(Postings.Reserve("acme", "ord_1", 500, "CNY"), Accounts.Wallet("acme")));
        Assert.Equal(-500, Sum(Postings.Payout("jingjin", 500, "CNY", "m"), Accounts.Payable("jingjin")));
        Assert.Equal(-500, Sum(Postings.Refund("acme", 500, "CNY", "m"), Accounts.Revenue));
        var block = Postings.Block("acme", "ord_2", new ProviderCharge("jingjin", 1_000, 50), "CNY");
        Assert.Equal(-1_000, Sum(block, Accounts.Wallet("acme")));
        Assert.Equal(950, Sum(block, Accounts.Payable("jingjin")));
    }

    [Fact]
    public void Non_positive_amounts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Postings.TopUp("acme", 0, "CNY", "CNY", 1m, "m"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Postings.Reserve("acme", "o", -1, "CNY"));
    }
}
