namespace Suanwang.Core.Market;

/// <summary>What a posting records.</summary>
public static class PostingKinds
{
    /// <summary>Money an admin added to a tenant's wallet.</summary>
    public const string TopUp = "topup";

    /// <summary>Money an admin gave back to a tenant from the platform's revenue.</summary>
    public const string Refund = "refund";

    /// <summary>An order's expected cost moved from the wallet to the hold.</summary>
    public const string Reserve = "reserve";

    /// <summary>An order's hold split into charges (provider and commission) and the rest back to the wallet.</summary>
    public const string Settle = "settle";

    /// <summary>Money paid out to a provider.</summary>
    public const string Payout = "payout";

    /// <summary>A reserved block paid in full when ordered.</summary>
    public const string Block = "block";

    /// <summary>Tokens a tenant used through the gateway: wallet to the owner's payable and the commission.</summary>
    public const string Tokens = "tokens";

    /// <summary>Every kind above: a posting of any other kind is refused.</summary>
    public static IReadOnlyList<string> All { get; } = [TopUp, Refund, Reserve, Settle, Payout, Block, Tokens];
}
