using System.Globalization;
using System.Numerics;
using System.Text;
using Suanwang.Scheduling.State;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// Which cards of each node are held, by node-local index (0..cards per node - 1; at most 64 a
/// node, as the catalog allows). The engine counts free cards only; this picks the actual
/// devices so two jobs on one node never get the same card. Devices are written per node of the
/// gang in allocation order: "0,1" for one node, "0,1;4,5" for two.
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
    public string Assign(Allocation allocation)
    {
        var text = new StringBuilder();
        for (var i = 0; i < allocation.Nodes; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }

            ref var held = ref _held[_state.PoolNodeStart[allocation.Pool] + allocation.Node(i)];
            var size = _state.PoolCardsPerNode[allocation.Pool];
            for (var taken = 0; taken < allocation.CardsPerNode; taken++)
            {
                // Past a full node (only when the map and the engine disagree) reuse card 0 rather than fail a placement.
                var free = ~held & Mask(size);
                var card = free == 0 ? 0 : BitOperations.TrailingZeroCount(free);
                held |= 1UL << card;
                text.Append(taken > 0 ? "," : "").Append(card.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>Marks devices recorded earlier as held; false when the text does not fit the allocation.</summary>
    public bool Restore(Allocation allocation, string devices)
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
    public void Release(Allocation allocation, string devices)
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

    private bool TryParse(Allocation allocation, string devices, out ulong[] masks)
    {
        var nodes = devices.Split(';');
        masks = new ulong[nodes.Length];
        if (nodes.Length != allocation.Nodes)
        {
            return false;
        }

        var size = _state.PoolCardsPerNode[allocation.Pool];
        for (var i = 0; i < nodes.Length; i++)
        {
            foreach (var part in nodes[i].Split(','))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var card) || card >= size)
                {
                    return false;
                }

                masks[i] |= 1UL << card;
            }
        }

        return true;
    }

    private static ulong Mask(int size) => size >= 64 ? ulong.MaxValue : (1UL << size) - 1;
}
