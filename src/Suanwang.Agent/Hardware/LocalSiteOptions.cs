namespace Suanwang.Agent.Hardware;

/// <summary>What <c>suanwang up</c> cannot detect about its own machine as a site; defaults suit a developer's machine.</summary>
/// <param name="Id">Site id; null for <c>local-</c> and the host name.</param>
/// <param name="Owner">Owner; null for the user name.</param>
/// <param name="Jurisdiction">Country code (and zone) whose law applies.</param>
/// <param name="CarbonGramsPerKwh">Grid carbon intensity, gCO2/kWh.</param>
/// <param name="PricePerCardHour">Price of one card for one hour, in the network's currency.</param>
public sealed record LocalSiteOptions(
    string? Id = null,
    string? Owner = null,
    string Jurisdiction = "CN",
    double CarbonGramsPerKwh = 550,
    decimal PricePerCardHour = 0);
