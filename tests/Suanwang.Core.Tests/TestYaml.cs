using Suanwang.Core.Errors;

namespace Suanwang.Core.Tests;

/// <summary>Helpers for tests that read YAML written inline and check where errors point.</summary>
internal static class TestYaml
{
    /// <summary>The 1-based line of the only line of <paramref name="yaml"/> containing <paramref name="fragment"/>.</summary>
    public static int LineOf(string yaml, string fragment)
    {
        var lines = yaml.Split('\n');
        var found = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(fragment, StringComparison.Ordinal))
            {
                Assert.True(found == 0, $"'{fragment}' occurs on more than one line of the test YAML");
                found = i + 1;
            }
        }

        Assert.True(found > 0, $"'{fragment}' does not occur in the test YAML");
        return found;
    }

    /// <summary>Asserts that <paramref name="error"/> names the source, line and field, and says <paramref name="phrase"/>.</summary>
    public static void AssertError(InputError error, string source, int line, string field, string phrase)
    {
        Assert.Equal(source, error.Source);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
    }
}
