using System.Globalization;
using System.Numerics;
using System.Text;
using Suanwang.Scheduling.State;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// Which cards of each node are held, by node-local index (0..cards per node - 1; at most 64 a
/// node, as the catalog allows). The engine counts free cards only; this picks the actual
/// devices so two jobs on one node never get the same card. Devices are a flat list in allocation
/// order, node i's at [i × cards per node, (i + 1) × cards per node), as the store keeps them.
/// </summary>
public sealed class DeviceMap
{
    private readonly ClusterState _state;
    private readonly ulong[] _held;

    /// <summary>Creates an empty map over the nodes of <paramref name="state"/>.</summary>
    public DeviceMap(ClusterState state)
    {
        _state = state;
        _held = new ulong[state.NodeFree.Length];
    }

    /// <summary>Takes the lowest free devices on each node of <paramref name="allocation"/> and returns them.</summary>
    public int[] Assign(Allocation allocation)
    {
        var devices = new int[allocation.Nodes * allocation.CardsPerNode];
        for (var i = 0; i < allocation.Nodes; i++)
        {
            ref var held = ref _held[_state.PoolNodeStart[allocation.Pool] + allocation.Node(i)];
            var size = _state.PoolCardsPerNode[allocation.Pool];
            for (var taken = 0; taken < allocation.CardsPerNode; taken++)
            {
                // Past a full node (only when the map and the engine disagree) reuse card 0 rather than fail a placement.
                var free = ~held & Mask(size);
                var card = free == 0 ? 0 : BitOperations.TrailingZeroCount(free);
                held |= 1UL << card;
                devices[(i * allocation.CardsPerNode) + taken] = card;
            }
        }

        return devices;
    }

    /// <summary>Devices as the agent protocol writes them: per node in allocation order, "0,1" for one node, "0,1;4,5" for two.</summary>
    public static string Text(IReadOnlyList<int> devices, int cardsPerNode)
    {
        var text = new StringBuilder();
        for (var i = 0; i < devices.Count; i++)
        {
            if (i > 0)
            {
                text.Append(cardsPerNode > 0 && i % cardsPerNode == 0 ? ';' : ',');
            }

            text.Append(devices[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Marks devices recorded earlier as held; false when they do not fit the allocation.</summary>
    public bool Restore(Allocation allocation, IReadOnlyList<int> devices)
    {
        if (!TryParse(allocation, devices, out var masks))
        {
            return false;
        }

        for (var i = 0; i < masks.Length; i++)
        {
            _held[_state.PoolNodeStart[allocation.Pool] + allocation.Node(i)] |= masks[i];
        }

        return true;
    }

    /// <summary>Frees the devices of a job that ended or moved.</summary>
    public void Release(Allocation allocation, IReadOnlyList<int> devices)
    {
        if (!TryParse(allocation, devices, out var masks))
        {
            return;
        }

        for (var i = 0; i < masks.Length; i++)
        {
            _held[_state.PoolNodeStart[allocation.Pool] + allocation.Node(i)] &= ~masks[i];
        }
    }

    private bool TryParse(Allocation allocation, IReadOnlyList<int> devices, out ulong[] masks)
    {
        masks = new ulong[allocation.Nodes];
        if (devices.Count != allocation.Nodes * allocation.CardsPerNode)
        {
            return false;
        }

        var size = _state.PoolCardsPerNode[allocation.Pool];
        for (var i = 0; i < devices.Count; i++)
        {
            var card = devices[i];
            if (card < 0 || card >= size)
            {
                return false;
            }

            masks[i / allocation.CardsPerNode] |= 1UL << card;
        }

        return true;
    }

    private static ulong Mask(int size) => size >= 64 ? ulong.MaxValue : (1UL << size) - 1;
}
