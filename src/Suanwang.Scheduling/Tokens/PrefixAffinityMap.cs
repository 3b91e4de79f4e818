namespace Suanwang.Scheduling.Tokens;

/// <summary>
/// Which endpoint last served each prompt block hash, for at most a fixed number of hashes: the
/// least recently served is forgotten first (an LRU list over preallocated slots).
/// </summary>
public sealed class PrefixAffinityMap
{
    private readonly Dictionary<ulong, int> _slots;
    private readonly ulong[] _keys;
    private readonly int[] _owner;
    private readonly int[] _prev;
    private readonly int[] _next;
    private int _head = -1;
    private int _tail = -1;
    private int _used;

    /// <summary>Creates a map that remembers at most <paramref name="capacity"/> hashes.</summary>
    public PrefixAffinityMap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new Dictionary<ulong, int>(Math.Min(capacity, 4096));
        _keys = new ulong[capacity];
        _owner = new int[capacity];
        _prev = new int[capacity];
        _next = new int[capacity];
    }

    /// <summary>Most hashes remembered.</summary>
    public int Capacity { get; }

    /// <summary>Hashes remembered now.</summary>
    public int Count => _slots.Count;

    /// <summary>The endpoint that last served <paramref name="hash"/>, or -1; does not count as a use.</summary>
    public int OwnerOf(ulong hash) => _slots.TryGetValue(hash, out var slot) ? _owner[slot] : -1;

    /// <summary>Notes that <paramref name="endpoint"/> served <paramref name="hash"/> now.</summary>
    public void Record(ulong hash, int endpoint)
    {
        if (_slots.TryGetValue(hash, out var slot))
        {
            _owner[slot] = endpoint;
            Unlink(slot);
            PushFront(slot);
            return;
        }

        if (_used < Capacity)
        {
            slot = _used++;
        }
        else
        {
            slot = _tail;
            Unlink(slot);
            _slots.Remove(_keys[slot]);
        }

        _keys[slot] = hash;
        _owner[slot] = endpoint;
        _slots[hash] = slot;
        PushFront(slot);
    }

    /// <summary>
    /// Records what <paramref name="older"/> remembers, oldest first so its order of use is kept,
    /// with each endpoint renumbered by <paramref name="renumber"/>; a hash whose endpoint it maps
    /// to -1 (gone) is left out.
    /// </summary>
    public void CopyFrom(PrefixAffinityMap older, Func<int, int> renumber)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(renumber);
        for (var slot = older._tail; slot >= 0; slot = older._prev[slot])
        {
            var owner = renumber(older._owner[slot]);
            if (owner >= 0)
            {
                Record(older._keys[slot], owner);
            }
        }
    }

    private void Unlink(int slot)
    {
        var p = _prev[slot];
        var n = _next[slot];
        if (p >= 0)
        {
            _next[p] = n;
        }
        else
        {
            _head = n;
        }

        if (n >= 0)
        {
            _prev[n] = p;
        }
        else
        {
            _tail = p;
        }
    }

    private void PushFront(int slot)
    {
        _prev[slot] = -1;
        _next[slot] = _head;
        if (_head >= 0)
        {
            _prev[_head] = slot;
        }

        _head = slot;
        if (_tail < 0)
        {
            _tail = slot;
        }
    }
}
