using System.Collections.Concurrent;

namespace Suanwang.EndToEnd.Tests.Support.Chaos;

/// <summary>
/// What the chaos load was told, across every round: the requests the server acknowledged with a
/// 2xx (which must survive any kill), the keyed requests it never answered (retried with the same
/// key after the restart), and what it saw of the jobs.
/// </summary>
internal sealed class ChaosBook
{
    /// <summary>Jobs acknowledged, by id: submitted directly (201) or started by an acknowledged order.</summary>
    public ConcurrentDictionary<long, string> Jobs { get; } = new();

    /// <summary>Orders acknowledged (201, or 200 for a replay), by Idempotency-Key: the order's id.</summary>
    public ConcurrentDictionary<string, string> Orders { get; } = new();

    /// <summary>Orders sent and never answered, by key: the request, to send again unchanged.</summary>
    public ConcurrentDictionary<string, ChaosOrderRequest> UnansweredOrders { get; } = new();

    /// <summary>Orders refused (402: the wallet was short; 410: the quote expired).</summary>
    public ConcurrentDictionary<string, int> RefusedOrders { get; } = new();

    /// <summary>Top-ups acknowledged, by Idempotency-Key (also their memo, so the ledger shows each key's effects).</summary>
    public ConcurrentDictionary<string, long> TopUps { get; } = new();

    /// <summary>Top-ups sent and never answered, by key.</summary>
    public ConcurrentDictionary<string, byte> UnansweredTopUps { get; } = new();

    /// <summary>Jobs whose cancel was acknowledged (200): they must stay cancelled.</summary>
    public ConcurrentDictionary<long, byte> Cancelled { get; } = new();

    /// <summary>Jobs the load saw succeeded: they must stay succeeded and never run again.</summary>
    public ConcurrentDictionary<long, byte> Succeeded { get; } = new();

    /// <summary>The longest output the log followers read per job, from offset 0 on.</summary>
    public ConcurrentDictionary<long, string> Streamed { get; } = new();

    /// <summary>Answers no request should get, each with the request.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    /// <summary>Direct submissions that got no answer (they have no key, so they may or may not exist).</summary>
    public int UnansweredSubmissions;

    /// <summary>Notes an answer no request should get.</summary>
    public void Unexpect(string request, ChaosAnswer answer) =>
        Unexpected.Enqueue($"{request} answered {(int)answer.Status}: {answer.Body}");
}
