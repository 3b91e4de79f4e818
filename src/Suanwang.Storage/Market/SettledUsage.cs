namespace Suanwang.Storage.Market;

/// <summary>The metered figures of one usage row, written by <see cref="IOrderStore.SettleOrderAsync"/>.</summary>
/// <param name="JobId">The usage row's job.</param>
/// <param name="Fence">The usage row's fence.</param>
/// <param name="CardHours">Card-hours.</param>
/// <param name="PetaflopHours">Standard-unit P·h.</param>
/// <param name="Kwh">Energy.</param>
/// <param name="KgCo2">Emissions.</param>
/// <param name="Charge">Minor units charged, in the order's currency.</param>
/// <param name="Commission">Minor units of <paramref name="Charge"/> kept by the platform.</param>
public sealed record SettledUsage(long JobId, long Fence, double CardHours, double PetaflopHours, double Kwh, double KgCo2, long Charge, long Commission);
