using Suanwang.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Suanwang.Core.Yaml;

/// <summary>Loads one YAML document and hands out its root mapping with locations kept for errors.</summary>
internal static class YamlText
{
    /// <summary>Parses <paramref name="text"/>; syntax errors become an <see cref="InputException"/> naming the line.</summary>
    public static YamlMap LoadRoot(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
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
