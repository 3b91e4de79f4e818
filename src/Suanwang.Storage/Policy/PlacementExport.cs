namespace Suanwang.Storage.Policy;

/// <summary>
/// A dataset that a placement takes out of its country: recorded with the placement, in the same
/// transaction, with the counted decision that allowed it; once per job, dataset and country.
/// </summary>
/// <param name="Dataset">The dataset's id.</param>
/// <param name="Country">The recipient country: the placement's site's country.</param>
/// <param name="Decision">The decision that allowed it, counting its individuals.</param>
public sealed record PlacementExport(string Dataset, string Country, DecisionRecord Decision);
