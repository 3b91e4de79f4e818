namespace Suanwang.Core.Market;

/// <summary>What one usage record amounts to: work delivered, energy, CO2 and money.</summary>
/// <param name="CardHours">Card-hours used.</param>
/// <param name="PetaflopHours">Work in the standard unit, P·h: card-hours × the model's PFLOPS.</param>
/// <param name="Kwh">Energy at board power: card-hours × TDP in kW.</param>
/// <param name="KgCo2">CO2 emitted: kWh × gCO2/kWh / 1000.</param>
/// <param name="Charge">The charge, in minor units of the base currency, rounded half to even.</param>
/// <param name="Commission">The platform's part of <paramref name="Charge"/>, in minor units, rounded half to even.</param>
public sealed record UsageCharge(double CardHours, double PetaflopHours, double Kwh, double KgCo2, long Charge, long Commission);
