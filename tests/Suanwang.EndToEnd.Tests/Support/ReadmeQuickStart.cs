namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>
/// The commands of README.md's quick start, read from its fenced <c>sh</c> blocks: the arguments it
/// gives <c>up</c>, and every <c>suanwang ...</c> command in the order written, comments dropped and
/// lines split at <c>;</c>.
/// </summary>
internal sealed record ReadmeQuickStart(string[] UpArguments, string[][] Commands)
{
    private const string Section = "## Quick start";

    /// <summary>Reads the quick start of the README at <paramref name="path"/>.</summary>
    public static ReadmeQuickStart Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var start = Array.IndexOf(lines, Section);
        Assert.True(start >= 0, $"{path} has no line '{Section}'");
        string[]? up = null;
        var commands = new List<string[]>();
        var inBlock = false;
        for (var i = start + 1; i < lines.Length && !IsNextSection(lines[i]); i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock && line == "```sh";
                continue;
            }

            if (!inBlock)
            {
                continue;
            }

            foreach (var command in WithoutComment(line).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words[0] == "suanwang")
                {
                    commands.Add(words[1..]);
                }
                else if (Array.IndexOf(words, "--") is var dashes and >= 0 && dashes + 1 < words.Length && words[dashes + 1] == "up")
                {
                    up = words[(dashes + 2)..];
                }
            }
        }

        Assert.True(up is not null, $"the quick start of {path} starts no `up`");
        return new ReadmeQuickStart(up, [.. commands]);
    }

    private static bool IsNextSection(string line) => line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal);

    private static string WithoutComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }
}
