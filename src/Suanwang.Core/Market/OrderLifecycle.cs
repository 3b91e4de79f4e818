namespace Suanwang.Core.Market;

/// <summary>
/// The order state machine: the state each kind of order starts in and every allowed move, in one
/// table. A job order opens and is settled once its job ends; a block is paid in full and settled
/// when it is placed. The stores take source and target states from here.
/// </summary>
public static class OrderLifecycle
{
    /// <summary>Every allowed move; anything not listed is refused.</summary>
    public static IReadOnlyList<OrderTransition> Transitions { get; } =
    [
        new(OrderStates.Open, OrderTrigger.Settle, OrderStates.Settled),
    ];

    /// <summary>Every state an order can be in.</summary>
    public static IReadOnlyList<string> States { get; } = [OrderStates.Open, OrderStates.Settled];

    /// <summary>The state an order of <paramref name="kind"/> is in once placed.</summary>
    /// <exception cref="ArgumentException">Not <see cref="OrderKinds.Job"/> or <see cref="OrderKinds.Block"/>.</exception>
    public static string Initial(string kind) => kind switch
    {
        OrderKinds.Job => OrderStates.Open,
        OrderKinds.Block => OrderStates.Settled,
        _ => throw new ArgumentException($"order kind '{kind}' is not '{OrderKinds.Job}' or '{OrderKinds.Block}'", nameof(kind)),
    };

    /// <summary>True when <paramref name="trigger"/> may move an order in state <paramref name="from"/>.</summary>
    public static bool CanMove(string from, OrderTrigger trigger) => Next(from, trigger) is not null;

    /// <summary>The state <paramref name="trigger"/> moves an order in <paramref name="from"/> to; null when refused.</summary>
    public static string? Next(string from, OrderTrigger trigger) =>
        Transitions.FirstOrDefault(t => t.From == from && t.Trigger == trigger)?.To;

    /// <summary>The states <paramref name="trigger"/> may move an order out of.</summary>
    public static IReadOnlyList<string> Sources(OrderTrigger trigger) =>
        Transitions.Where(t => t.Trigger == trigger).Select(t => t.From).Distinct().ToArray();

    /// <summary>The one state <paramref name="trigger"/> moves an order to.</summary>
    public static string Target(OrderTrigger trigger) =>
        Transitions.Where(t => t.Trigger == trigger).Select(t => t.To).Distinct().Single();

    /// <summary>True for states an order never leaves.</summary>
    public static bool IsFinal(string state) => !Transitions.Any(t => t.From == state);

    /// <summary>The states as an SQL list, such as <c>('open')</c>.</summary>
    public static string SqlList(IEnumerable<string> states) => "(" + string.Join(", ", states.Select(s => "'" + s + "'")) + ")";
}
