using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>Tenants' caps on cards held at once, applied to the engine each pass.</summary>
public sealed partial class LiveScheduler
{
    private readonly Dictionary<int, int> _cardCaps = [];

    /// <summary>Applies the card caps among <paramref name="limits"/> (tenants an admin set limits for) until the next call.</summary>
    public void SetLimits(IReadOnlyDictionary<string, TenantLimits> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!_built)
        {
            return;
        }

        _cardCaps.Clear();
        foreach (var (tenant, tenantLimits) in limits)
        {
            if (tenantLimits.MaxCards is { } cap)
            {
                _cardCaps[TenantIndex(tenant)] = cap;
            }
        }

        // No caps set: the engine skips the check altogether.
        _scheduler.SetCardCaps(_cardCaps.Count == 0 ? null : CardCapOf);
    }

    private int CardCapOf(int tenant) => _cardCaps.TryGetValue(tenant, out var cap) ? cap : int.MaxValue;
}
