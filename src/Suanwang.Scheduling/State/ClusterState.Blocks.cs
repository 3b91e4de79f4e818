namespace Suanwang.Scheduling.State;

/// <summary>
/// Reserved blocks in force: cards of a pool held for one tenant. A block holds what its tenant's
/// running jobs on the pool do not already use (max(0, block cards − cards in use)); other
/// tenants' jobs see the pool's free cards less what blocks of others hold. Kept per pool in one
/// flat table (pool p's entries are [PoolBlockStart[p], PoolBlockStart[p+1])), one entry per
/// tenant and pool, so the filter reads a few ints and allocates nothing.
/// </summary>
public sealed partial class ClusterState
{
    private int[] _blockTenant = [];
    private int[] _blockCards = [];
    private int[] _blockUsed = [];
    private double[] _blockEnds = [];
    private HeldBlock[] _blockScratch = [];
    private int[]? _poolBlockStart;
    private int[]? _poolHeldCards;

    /// <summary>Cards of each pool held by blocks for their tenants now (all tenants together).</summary>
    public int[] PoolHeldCards => _poolHeldCards ??= new int[PoolCount];

    /// <summary>Where each pool's block entries start; pool p's are [PoolBlockStart[p], PoolBlockStart[p+1]).</summary>
    public int[] PoolBlockStart => _poolBlockStart ??= new int[PoolCount + 1];

    /// <summary>True when some block is in force.</summary>
    public bool HasBlocks { get; private set; }

    /// <summary>
    /// Replaces the blocks in force with <paramref name="blocks"/> (any order; a tenant's blocks on
    /// one pool count as one, ending with the earliest). Cards in use start at zero: the caller
    /// adds its tenants' running jobs with <see cref="AddBlockUse"/>.
    /// </summary>
    public void SetBlocks(ReadOnlySpan<HeldBlock> blocks)
    {
        var start = PoolBlockStart;
        var held = PoolHeldCards;
        Array.Clear(start);
        Array.Clear(held);
        if (_blockScratch.Length < blocks.Length)
        {
            _blockScratch = new HeldBlock[blocks.Length];
            _blockTenant = new int[blocks.Length];
            _blockCards = new int[blocks.Length];
            _blockUsed = new int[blocks.Length];
            _blockEnds = new double[blocks.Length];
        }

        var sorted = _blockScratch.AsSpan(0, blocks.Length);
        blocks.CopyTo(sorted);
        sorted.Sort(static (a, b) => a.Pool != b.Pool ? a.Pool.CompareTo(b.Pool) : a.Tenant.CompareTo(b.Tenant));
        var n = 0;
        foreach (var block in sorted)
        {
            if (block.Pool < 0 || block.Pool >= PoolCount || block.Cards <= 0)
            {
                continue;
            }

            if (n > 0 && sorted[n - 1].Pool == block.Pool && _blockTenant[n - 1] == block.Tenant)
            {
                _blockCards[n - 1] += block.Cards;
                _blockEnds[n - 1] = Math.Min(_blockEnds[n - 1], block.EndsAt);
            }
            else
            {
                sorted[n] = block;
                _blockTenant[n] = block.Tenant;
                _blockCards[n] = block.Cards;
                _blockEnds[n] = block.EndsAt;
                _blockUsed[n] = 0;
                start[block.Pool + 1]++;
                n++;
            }

            held[block.Pool] += block.Cards;
        }

        for (var p = 0; p < PoolCount; p++)
        {
            start[p + 1] += start[p];
        }

        HasBlocks = n > 0;
    }

    /// <summary>Whether some block is in force on <paramref name="pool"/>.</summary>
    public bool PoolHasBlocks(int pool) => _poolBlockStart is { } start && start[pool + 1] > start[pool];

    /// <summary>Cards of <paramref name="pool"/> held by blocks of tenants other than <paramref name="tenant"/>.</summary>
    public int HeldFromOthers(int pool, int tenant)
    {
        if (_poolHeldCards is not { } held || held[pool] == 0)
        {
            return 0;
        }

        var entry = Entry(pool, tenant);
        return entry < 0 ? held[pool] : held[pool] - Held(entry);
    }

    /// <summary>Cards <paramref name="tenant"/>'s blocks on <paramref name="pool"/> have left for its jobs; 0 without a block.</summary>
    public int BlockRoom(int pool, int tenant)
    {
        var entry = Entry(pool, tenant);
        return entry < 0 ? 0 : Held(entry);
    }

    /// <summary>When <paramref name="tenant"/>'s blocks on <paramref name="pool"/> end (the earliest); -∞ without a block.</summary>
    public double BlockEnds(int pool, int tenant)
    {
        var entry = Entry(pool, tenant);
        return entry < 0 ? double.NegativeInfinity : _blockEnds[entry];
    }

    /// <summary>Counts <paramref name="cards"/> more (or, negative, fewer) cards in use by <paramref name="tenant"/>'s jobs on <paramref name="pool"/>.</summary>
    public void AddBlockUse(int pool, int tenant, int cards)
    {
        var entry = Entry(pool, tenant);
        if (entry < 0)
        {
            return;
        }

        var before = Held(entry);
        _blockUsed[entry] += cards;
        PoolHeldCards[pool] += Held(entry) - before;
    }

    private int Held(int entry) => Math.Max(0, _blockCards[entry] - _blockUsed[entry]);

    private int Entry(int pool, int tenant)
    {
        if (_poolBlockStart is not { } start)
        {
            return -1;
        }

        for (var i = start[pool]; i < start[pool + 1]; i++)
        {
            if (_blockTenant[i] == tenant)
            {
                return i;
            }
        }

        return -1;
    }
}
