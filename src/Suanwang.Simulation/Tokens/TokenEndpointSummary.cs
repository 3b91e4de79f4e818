namespace Suanwang.Simulation.Tokens;

/// <summary>One simulated endpoint as the report lists it.</summary>
/// <param name="Id">Endpoint id.</param>
/// <param name="Site">Site id.</param>
/// <param name="Country">Country of the site.</param>
/// <param name="Accelerator">Accelerator model.</param>
/// <param name="Cards">Cards per replica.</param>
/// <param name="BatchSlots">Requests decoded at once.</param>
/// <param name="PrefillMsPer1kTokens">Prefill time of 1,000 prompt tokens, ms.</param>
/// <param name="DecodeStepMs">Decode step with one request in the batch, ms.</param>
/// <param name="InputPricePerMillion">Price per million prompt tokens.</param>
/// <param name="OutputPricePerMillion">Price per million output tokens.</param>
/// <param name="Currency">Currency of the prices.</param>
/// <param name="CarbonGramsPerKwh">Mean grid intensity of the site, gCO2/kWh.</param>
public sealed record TokenEndpointSummary(
    string Id,
    string Site,
    string Country,
    string Accelerator,
    int Cards,
    int BatchSlots,
    double PrefillMsPer1kTokens,
    double DecodeStepMs,
    decimal InputPricePerMillion,
    decimal OutputPricePerMillion,
    string Currency,
    double CarbonGramsPerKwh)
{
    /// <summary>The summary of <paramref name="site"/>.</summary>
    public static TokenEndpointSummary Of(InferenceSite site) => new(
        site.Endpoint.Id,
        site.Site.Id,
        site.Endpoint.Country,
        site.Hardware.Accelerator.Id,
        site.Hardware.Cards,
        site.Hardware.BatchSlots,
        Math.Round(site.Hardware.PrefillSecondsPerToken * 1e6, 1),
        Math.Round(site.Hardware.DecodeStepSeconds(1) * 1e3, 2),
        site.Endpoint.InputPricePerMillion,
        site.Endpoint.OutputPricePerMillion,
        site.Endpoint.Currency,
        Math.Round(site.Site.Carbon.Mean(), 0));
}
