namespace Suanwang.EndToEnd.Tests.Support.Chaos;

/// <summary>What the store showed after a kill.</summary>
/// <param name="Problems">Broken promises, one sentence each.</param>
/// <param name="UnansweredOrders">Orders never answered that the store holds, by key: the order's id.</param>
/// <param name="UnansweredTopUps">Top-ups never answered that the ledger holds, by key.</param>
/// <param name="Summary">One line of counts for the test output.</param>
internal sealed record ChaosFindings(
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, string> UnansweredOrders,
    IReadOnlySet<string> UnansweredTopUps,
    string Summary);
