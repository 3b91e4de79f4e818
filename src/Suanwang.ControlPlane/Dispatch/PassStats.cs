namespace Suanwang.ControlPlane.Dispatch;

/// <summary>What one scheduler pass did and how long it took.</summary>
/// <param name="Active">Active jobs read from the store.</param>
/// <param name="Started">Placements recorded.</param>
/// <param name="Requeued">Jobs requeued.</param>
/// <param name="Compute">Time in memory: syncing and the engine's cycle.</param>
/// <param name="Total">Wall time of the pass, store calls included.</param>
public readonly record struct PassStats(int Active, int Started, int Requeued, TimeSpan Compute, TimeSpan Total);
