using Suanwang.Scheduling.State;
using Suanwang.Storage.Market;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>Reserved blocks in force, applied to the engine each pass.</summary>
public sealed partial class LiveScheduler
{
    private HeldBlock[] _held = [];

    /// <summary>
    /// Holds the cards of <paramref name="blocks"/> (those in force now) for their tenants until the
    /// next call; blocks of sites or pools not registered now are left out.
    /// </summary>
    public void SetBlocks(IReadOnlyList<BlockRecord> blocks)
    {
        if (!_built)
        {
            return;
        }

        if (_held.Length < blocks.Count)
        {
            _held = new HeldBlock[blocks.Count];
        }

        var n = 0;
        foreach (var block in blocks)
        {
            if (!_siteIndex.TryGetValue(block.Site, out var site))
            {
                continue;
            }

            var pool = _state.SiteFirstPool[site] + block.Pool;
            if (block.Pool < 0 || pool >= _state.SiteFirstPool[site + 1])
            {
                continue;
            }

            _held[n++] = new HeldBlock(pool, TenantIndex(block.Tenant), block.Cards, block.EndsAt.ToUnixTimeMilliseconds() / 1000.0);
        }

        _scheduler.SetBlocks(_held.AsSpan(0, n));
    }
}
