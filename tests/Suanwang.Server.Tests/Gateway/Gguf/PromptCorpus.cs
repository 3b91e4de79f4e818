using System.Text.Json;

namespace Suanwang.Server.Tests.Gateway.Gguf;

/// <summary>Real text to count: the prompts in tests/data/prompts and every paragraph of the repository's docs (English and Chinese prose, tables, code).</summary>
public static class PromptCorpus
{
    /// <summary>The prompts and paragraphs.</summary>
    public static IReadOnlyList<string> Texts { get; } = Load();

    private static List<string> Load()
    {
        var root = RepositoryRoot();
        var texts = File.ReadLines(Path.Combine(root, "tests", "data", "prompts", "prompts.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("prompt").GetString()!)
            .ToList();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Append(Path.Combine(root, "README.md")).Order(StringComparer.Ordinal))
        {
            texts.AddRange(File.ReadAllText(file).Split("\n\n").Where(p => p.Trim().Length > 0));
        }

        return texts;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Suanwang.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Suanwang.slnx above {AppContext.BaseDirectory}");
    }
}
