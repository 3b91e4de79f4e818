namespace Suanwang.Protocol.Market;

/// <summary>Sums over a statement's period.</summary>
/// <param name="CardHours">Card-hours of the runs.</param>
/// <param name="PetaflopHours">P·h of the runs.</param>
/// <param name="Kwh">Energy of the runs.</param>
/// <param name="KgCo2">Emissions of the runs.</param>
/// <param name="Charges">Settled charges for the runs.</param>
/// <param name="Commission">The platform's part of them.</param>
/// <param name="Net">For a provider, charges less commission; for a tenant, the charges.</param>
/// <param name="TopUps">Money paid in (tenant).</param>
/// <param name="Refunds">Money refunded (tenant).</param>
/// <param name="Payouts">Money paid out (provider).</param>
/// <param name="Unsettled">Runs whose order is not settled yet.</param>
public sealed record StatementTotals(
    double CardHours,
    double PetaflopHours,
    double Kwh,
    double KgCo2,
    string Charges,
    string Commission,
    string Net,
    string TopUps,
    string Refunds,
    string Payouts,
    int Unsettled);
