using Suanwang.Scheduling.Quotes;
using Suanwang.Scheduling.State;

namespace Suanwang.ControlPlane.Market;

/// <summary>A quote option with its site and pool named as the API names them.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Model">Accelerator model id.</param>
/// <param name="Option">The quoter's figures.</param>
public sealed record QuotedPlace(string Site, int Pool, string Model, QuoteOption Option)
{
    /// <summary>Names the options' sites and pools from the state they were quoted on.</summary>
    public static IReadOnlyList<QuotedPlace> From(IReadOnlyList<QuoteOption> options, ClusterState state) =>
        options.Select(o => new QuotedPlace(
            state.Network.Sites[o.Site].Id,
            o.Pool - state.SiteFirstPool[o.Site],
            state.Catalog[state.PoolModel[o.Pool]].Id,
            o)).ToList();
}
