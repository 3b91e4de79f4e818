namespace Suanwang.Server.Gateway.Gguf;

// One run of llama.cpp's llm_tokenizer_spm_session over escaped text: a linked list of symbols
// (one per character, a surrogate pair being one) and a queue of adjacent pairs that are tokens,
// best score first and leftmost on ties; a pair is skipped once either side has changed.
internal ref struct SpmSession
{
    private readonly ReadOnlySpan<char> _text;
    private readonly Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _scores;
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly PriorityQueue<(int Left, int Right, int Size), (float Score, int Left)> _queue;

    public SpmSession(ReadOnlySpan<char> text, Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> scores)
    {
        _text = text;
        _scores = scores;
        var n = 0;
        _start = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            _start[n++] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        _length = new int[n];
        _prev = new int[n];
        _next = new int[n];
        for (var i = 0; i < n; i++)
        {
            _length[i] = (i + 1 < n ? _start[i + 1] : text.Length) - _start[i];
            _prev[i] = i - 1;
            _next[i] = i + 1 < n ? i + 1 : -1;
        }

        _queue = new PriorityQueue<(int, int, int), (float, int)>(Math.Max(n, 1), Order.Instance);
    }

    public int Count()
    {
        var n = _length.Length;
        for (var i = 1; i < n; i++)
        {
            TryAddPair(i - 1, i);
        }

        while (_queue.TryDequeue(out var pair, out _))
        {
            var (left, right, size) = pair;
            if (_length[left] == 0 || _length[right] == 0 || _length[left] + _length[right] != size)
            {
                continue;
            }

            _length[left] += _length[right];
            _length[right] = 0;
            _next[left] = _next[right];
            if (_next[right] >= 0)
            {
                _prev[_next[right]] = left;
            }

            TryAddPair(_prev[left], left);
            TryAddPair(left, _next[left]);
        }

        // A merged symbol is always a token; a lone character outside the vocabulary falls back to
        // one token per UTF-8 byte.
        var tokens = 0;
        for (var i = 0; i != -1 && n > 0; i = _next[i])
        {
            var symbol = _text.Slice(_start[i], _length[i]);
            tokens += _scores.ContainsKey(symbol) ? 1 : System.Text.Encoding.UTF8.GetByteCount(symbol);
        }

        return tokens;
    }

    private void TryAddPair(int left, int right)
    {
        if (left < 0 || right < 0)
        {
            return;
        }

        var size = _length[left] + _length[right];
        if (_scores.TryGetValue(_text.Slice(_start[left], size), out var score))
        {
            _queue.Enqueue((left, right, size), (score, left));
        }
    }

    // The queue's head is the highest score, then the leftmost pair (llama.cpp's comparator).
    private sealed class Order : IComparer<(float Score, int Left)>
    {
        public static readonly Order Instance = new();

        public int Compare((float Score, int Left) x, (float Score, int Left) y)
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : x.Left.CompareTo(y.Left);
        }
    }
}
