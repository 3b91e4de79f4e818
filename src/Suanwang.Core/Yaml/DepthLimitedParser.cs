using Suanwang.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Suanwang.Core.Yaml;

/// <summary>
/// Passes YAML parsing events through, refusing a document nested deeper than <see cref="MaxDepth"/>
/// before the representation model, which recurses once per level, can exhaust the stack.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner, string source) : IParser
{
    /// <summary>The deepest nesting of mappings and sequences a document may have.</summary>
    public const int MaxDepth = 64;

    private int _depth;

    /// <inheritdoc />
    public ParsingEvent? Current => inner.Current;

    /// <summary>The 1-based line of the last event read, for errors YamlDotNet reports without one.</summary>
    public int Line => inner.Current is { } current ? (int)current.Start.Line : 0;

    /// <inheritdoc />
    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                if (++_depth > MaxDepth)
                {
                    throw new InputException(source, Line, "", $"nested deeper than {MaxDepth} levels");
                }

                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }
}
