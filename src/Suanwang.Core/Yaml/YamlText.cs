using Suanwang.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Suanwang.Core.Yaml;

/// <summary>Loads one YAML document and hands out its root mapping with locations kept for errors.</summary>
internal static class YamlText
{
    /// <summary>
    /// Parses <paramref name="text"/>; syntax errors, and nesting deeper than
    /// <see cref="DepthLimitedParser.MaxDepth"/>, become an <see cref="InputException"/> naming the line.
    /// </summary>
    public static YamlMap LoadRoot(string text, string source)
    {
        var stream = new YamlStream();
        var parser = new DepthLimitedParser(new Parser(new StringReader(text)), source);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            // YamlDotNet's message repeats the location; keep only the reason.
            var reason = ex.InnerException?.Message ?? ex.Message;
            var cut = reason.IndexOf("): ", StringComparison.Ordinal);
            if (cut >= 0)
            {
                reason = reason[(cut + 3)..];
            }

            throw new InputException(source, (int)ex.Start.Line, "", $"not valid YAML: {reason}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this, with neither location nor reason, when the text ends inside an
            // unclosed flow collection ("{cards: 1" and more lines); the last event read gives the line.
            throw new InputException(source, parser.Line, "", "not valid YAML: the text ended inside a '{' or '[' that is never closed");
        }

        if (stream.Documents.Count == 0)
        {
            throw new InputException(source, 0, "", "the file is empty");
        }

        // A second document would be silently ignored; refuse it so what runs is what was written.
        if (stream.Documents.Count > 1)
        {
            throw new InputException(source, (int)stream.Documents[1].RootNode.Start.Line, "", "holds more than one YAML document (a second '---'); send one document");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputException(source, (int)stream.Documents[0].RootNode.Start.Line, "", "expected a mapping of fields at the top level");
        }

        return new YamlMap(root, source, "");
    }
}
