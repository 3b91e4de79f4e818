using Suanwang.Scheduling.Packing;

namespace Suanwang.Scheduling.State;

/// <summary>Reserving and releasing cards on nodes; the only place free counts change.</summary>
public sealed partial class ClusterState
{
    private int[] _chosen = new int[64];

    /// <summary>Reserves <paramref name="shape"/> on <paramref name="pool"/> with <paramref name="packer"/>; null when it does not fit.</summary>
    public Allocation? Allocate(int pool, JobShape shape, INodePacker packer)
    {
        if (shape.Cards > PoolFreeCards[pool] || NodesWithFree(pool, shape.CardsPerNode) < shape.Nodes)
        {
            return null;
        }

        if (_chosen.Length < shape.Nodes)
        {
            _chosen = new int[shape.Nodes];
        }

        var start = PoolNodeStart[pool];
        var nodes = NodeFree.AsSpan(start, PoolNodes[pool]);
        var chosen = _chosen.AsSpan(0, shape.Nodes);
        if (!packer.Choose(nodes, PoolCardsPerNode[pool], shape.CardsPerNode, shape.Nodes, chosen))
        {
            return null;
        }

        foreach (var n in chosen)
        {
            Take(pool, n, shape.CardsPerNode);
        }

        packer.Observe(shape.CardsPerNode);
        return new Allocation(pool, shape.CardsPerNode, chosen[0], shape.Nodes > 1 ? chosen[1..].ToArray() : null);
    }

    /// <summary>
    /// Takes the cards of a known allocation again, as recorded before a restart; false (and
    /// nothing taken) when the nodes do not have them free.
    /// </summary>
    public bool Restore(Allocation allocation)
    {
        if (allocation.Pool < 0 || allocation.Pool >= PoolCount)
        {
            return false;
        }

        for (var i = 0; i < allocation.Nodes; i++)
        {
            var node = allocation.Node(i);
            if (node < 0 || node >= PoolNodes[allocation.Pool] || NodeFree[PoolNodeStart[allocation.Pool] + node] < allocation.CardsPerNode)
            {
                return false;
            }

            for (var j = 0; j < i; j++)
            {
                if (allocation.Node(j) == node)
                {
                    return false;
                }
            }
        }

        for (var i = 0; i < allocation.Nodes; i++)
        {
            Take(allocation.Pool, allocation.Node(i), allocation.CardsPerNode);
        }

        return true;
    }

    /// <summary>Returns an allocation's cards. Releasing twice is a caller bug; it throws only when a node would exceed its size.</summary>
    public void Release(Allocation allocation)
    {
        for (var i = 0; i < allocation.Nodes; i++)
        {
            Give(allocation.Pool, allocation.Node(i), allocation.CardsPerNode);
        }
    }

    /// <summary>Marks a site up or down; a down site receives no placements.</summary>
    public void SetSiteUp(int site, bool up) => SiteUp[site] = up;

    private void Take(int pool, int node, int cards)
    {
        ref var free = ref NodeFree[PoolNodeStart[pool] + node];
        if (free < cards)
        {
            throw new InvalidOperationException($"node {node} of pool {pool} has {free} free cards, cannot take {cards}");
        }

        FreeHistogram[PoolHistogramStart[pool] + free]--;
        free -= cards;
        FreeHistogram[PoolHistogramStart[pool] + free]++;
        PoolFreeCards[pool] -= cards;
        MoveFree(pool, PoolFreeCards[pool] + cards, PoolFreeCards[pool]);
        RefreshMaxNodeFree(pool);
    }

    private void Give(int pool, int node, int cards)
    {
        ref var free = ref NodeFree[PoolNodeStart[pool] + node];
        if (free + cards > PoolCardsPerNode[pool])
        {
            throw new InvalidOperationException($"node {node} of pool {pool} would have more free cards than it holds");
        }

        FreeHistogram[PoolHistogramStart[pool] + free]--;
        free += cards;
        FreeHistogram[PoolHistogramStart[pool] + free]++;
        PoolFreeCards[pool] += cards;
        MoveFree(pool, PoolFreeCards[pool] - cards, PoolFreeCards[pool]);
        PoolMaxNodeFree[pool] = Math.Max(PoolMaxNodeFree[pool], free);
    }

    private void RefreshMaxNodeFree(int pool)
    {
        var start = PoolHistogramStart[pool];
        var k = PoolCardsPerNode[pool];
        while (k > 0 && FreeHistogram[start + k] == 0)
        {
            k--;
        }

        PoolMaxNodeFree[pool] = k;
    }
}
