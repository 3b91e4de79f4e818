namespace Suanwang.Core.Market;

/// <summary>What one provider earns from a settled order: the charge for usage on its sites and the platform's commission from it.</summary>
/// <param name="Owner">The site owner.</param>
/// <param name="Charge">Minor units the tenant pays for the usage.</param>
/// <param name="Commission">Minor units of <paramref name="Charge"/> that go to the platform.</param>
public sealed record ProviderCharge(string Owner, long Charge, long Commission);
