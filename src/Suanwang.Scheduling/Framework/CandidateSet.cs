namespace Suanwang.Scheduling.Framework;

/// <summary>
/// The pools still in the running for one decision: a prefix of a buffer the engine owns, so
/// filters narrow it in place without allocating.
/// </summary>
public ref struct CandidateSet
{
    private readonly Span<int> _buffer;

    /// <summary>Wraps a buffer holding <paramref name="count"/> pool indices.</summary>
    public CandidateSet(Span<int> buffer, int count)
    {
        _buffer = buffer;
        Count = count;
    }

    /// <summary>Number of candidates left.</summary>
    public int Count { readonly get; private set; }

    /// <summary>The candidates left.</summary>
    public readonly ReadOnlySpan<int> Pools => _buffer[..Count];

    /// <summary>Keeps the candidates whose flag is true, in order; <paramref name="keep"/> is parallel to <see cref="Pools"/>.</summary>
    public void Keep(ReadOnlySpan<bool> keep)
    {
        var n = 0;
        for (var i = 0; i < Count; i++)
        {
            if (keep[i])
            {
                _buffer[n++] = _buffer[i];
            }
        }

        Count = n;
    }

    /// <summary>Removes the candidate at position <paramref name="i"/> while scanning from the end.</summary>
    public void RemoveAtSwapBack(int i)
    {
        _buffer[i] = _buffer[Count - 1];
        Count--;
    }

    /// <summary>Mutable access for filters that compact in place.</summary>
    public readonly Span<int> Raw => _buffer;

    /// <summary>Sets the count after an in-place compaction.</summary>
    public void Truncate(int count) => Count = count;
}
