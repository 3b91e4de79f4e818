using Suanwang.Core.Errors;
using Suanwang.Core.Law;

namespace Suanwang.ControlPlane.Policy;

/// <summary>Loads the rule files of a folder (one *.yaml per jurisdiction, e.g. rules/law) into an engine.</summary>
public static class RuleSetLoader
{
    /// <summary>
    /// The engine over every *.yaml in <paramref name="folder"/>; throws <see cref="InputException"/>
    /// naming the file, line and field of the first problem, so a server refuses to start on it.
    /// </summary>
    public static LawEngine Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputException(folder, 0, "", "the rule folder does not exist; set the data-law rules folder (rules/law in the repository)");
        }

        var files = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(p => (p, File.ReadAllText(p))).ToList();
        if (files.Count == 0)
        {
            throw new InputException(folder, 0, "", "no *.yaml rule files in the folder");
        }

        return LawEngine.Load(files);
    }

    /// <summary>The rules/law folder of the repository above <paramref name="start"/>, or null.</summary>
    public static string? FindRepositoryRules(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "rules", "law");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
