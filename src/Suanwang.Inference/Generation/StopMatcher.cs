namespace Suanwang.Inference.Generation;

// Finds stop sequences in text that arrives a piece at a time, holding back only the tail that
// could still become a stop sequence, so a stream never shows text a stop later cuts off.
internal sealed class StopMatcher
{
    private readonly IReadOnlyList<string> _stops;
    private string _held = "";

    public StopMatcher(IReadOnlyList<string> stops) => _stops = stops;

    // The text that may be shown now, and whether a stop sequence ended the output.
    public (string Emit, bool Stopped) Push(string piece)
    {
        if (_stops.Count == 0)
        {
            return (piece, false);
        }

        var text = _held + piece;
        var first = -1;
        foreach (var stop in _stops)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first >= 0)
        {
            _held = "";
            return (text[..first], true);
        }

        var keep = 0;
        foreach (var stop in _stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > keep; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    keep = length;
                    break;
                }
            }
        }

        _held = text[(text.Length - keep)..];
        return (text[..(text.Length - keep)], false);
    }

    // What was held back, once the output ends without a stop.
    public string Flush()
    {
        var rest = _held;
        _held = "";
        return rest;
    }
}
