namespace Suanwang.Storage.Market;

/// <summary>Metered runs summed per UTC day of their end, site and pool: what a statement's totals and charts are drawn from.</summary>
/// <param name="Day">The UTC day the runs ended.</param>
/// <param name="Site">The site they ran on.</param>
/// <param name="Pool">The pool's index in the site.</param>
/// <param name="Runs">How many runs.</param>
/// <param name="Unsettled">How many of them have no charge yet.</param>
/// <param name="CardHours">Card-hours (metered, or accelerator-seconds / 3600 where not metered).</param>
/// <param name="PetaflopHours">P·h.</param>
/// <param name="Kwh">kWh.</param>
/// <param name="KgCo2">kg CO2.</param>
/// <param name="Charge">Charges, minor units of the base currency.</param>
/// <param name="Commission">Commission, minor units of the base currency.</param>
public sealed record UsageSum(DateOnly Day, string Site, int Pool, long Runs, long Unsettled, double CardHours, double PetaflopHours, double Kwh, double KgCo2, long Charge, long Commission);
