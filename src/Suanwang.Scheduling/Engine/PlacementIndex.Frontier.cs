namespace Suanwang.Scheduling.Engine;

/// <summary>The descent's frontier: a max-heap of tree nodes (with their class) by the best score beneath them.</summary>
internal sealed partial class PlacementIndex
{
    private readonly int[] _heapNode;
    private readonly int[] _heapClass;
    private readonly double[] _heapBound;
    private int _heapSize;

    private void Push(int node, int c)
    {
        var bound = Bound(node, c);
        var i = _heapSize++;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_heapBound[parent] >= bound)
            {
                break;
            }

            _heapNode[i] = _heapNode[parent];
            _heapClass[i] = _heapClass[parent];
            _heapBound[i] = _heapBound[parent];
            i = parent;
        }

        _heapNode[i] = node;
        _heapClass[i] = c;
        _heapBound[i] = bound;
    }

    private void Pop()
    {
        var last = --_heapSize;
        var node = _heapNode[last];
        var c = _heapClass[last];
        var bound = _heapBound[last];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= last)
            {
                break;
            }

            if (child + 1 < last && _heapBound[child + 1] > _heapBound[child])
            {
                child++;
            }

            if (_heapBound[child] <= bound)
            {
                break;
            }

            _heapNode[i] = _heapNode[child];
            _heapClass[i] = _heapClass[child];
            _heapBound[i] = _heapBound[child];
            i = child;
        }

        _heapNode[i] = node;
        _heapClass[i] = c;
        _heapBound[i] = bound;
    }
}
