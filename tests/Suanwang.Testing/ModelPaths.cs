namespace Suanwang.Testing;

/// <summary>
/// Finds the test models: the folder named by SUANWANG_MODELS, else shared/models in or above the
/// test's base directory (CI clones the repository with shared/ beside it). Without them the tests
/// marked <see cref="ModelFactAttribute"/> are not run and say why.
/// </summary>
public static class ModelPaths
{
    /// <summary>The variable naming the models folder.</summary>
    public const string EnvironmentVariable = "SUANWANG_MODELS";

    /// <summary>The tiny random Llama model the model-server tests load.</summary>
    public const string TinyFile = "llama-2-tiny-random.gguf";

    /// <summary>Why a model test did not run.</summary>
    public const string NotFound = "needs " + TinyFile + ": set SUANWANG_MODELS to its folder or put shared/models beside the repository";

    private static readonly string? s_tiny = Locate();

    /// <summary>The tiny model's path, or null when it is not here.</summary>
    public static string? Tiny => s_tiny;

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            var file = Path.Combine(configured, TinyFile);
            return File.Exists(file) ? file : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "models", TinyFile);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
