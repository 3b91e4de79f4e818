namespace Suanwang.Scheduling.Engine;

/// <summary>The descent's frontier: a max-heap of tree nodes (with their class) by the best score beneath them.</summary>
internal sealed partial class PlacementIndex
{
    private readonly FrontierEntry[] _heap;
    private int _heapSize;

    private void Push(int node, int c)
    {
        var entry = new FrontierEntry(node, c, Bound(node, c));
        var i = _heapSize++;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_heap[parent].Bound >= entry.Bound)
            {
                break;
            }

            _heap[i] = _heap[parent];
            i = parent;
        }

        _heap[i] = entry;
    }

    /// <summary>Takes the top entry and puts <paramref name="entry"/> in its place, sifting it down.</summary>
    private void ReplaceTop(FrontierEntry entry)
    {
        var heap = _heap;
        var size = _heapSize;
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && heap[child + 1].Bound > heap[child].Bound)
            {
                child++;
            }

            if (heap[child].Bound <= entry.Bound)
            {
                break;
            }

            heap[i] = heap[child];
            i = child;
        }

        heap[i] = entry;
    }

    private void Pop()
    {
        var last = --_heapSize;
        if (last > 0)
        {
            ReplaceTop(_heap[last]);
        }
    }

    /// <summary>An open tree node of class <see cref="Class"/> and the highest score any pool beneath it can have.</summary>
    private readonly record struct FrontierEntry(int Node, int Class, double Bound);
}
