using System.Text;
using Suanwang.Core.Errors;

namespace Suanwang.Simulation.Reporting;

/// <summary>Writes a run's <c>summary.json</c> and <c>report.html</c> into a directory, all or nothing.</summary>
public static class ReportDirectory
{
    /// <summary>File name of the JSON summary.</summary>
    public const string SummaryFileName = "summary.json";

    /// <summary>File name of the HTML page.</summary>
    public const string HtmlFileName = "report.html";

    private const string Field = "--report";

    /// <summary>
    /// Renders both files into a temporary sibling folder and moves them into <paramref name="directory"/>
    /// (created if missing) only when both rendered; on failure the target is left as it was.
    /// Throws <see cref="InputException"/> when the path is a file or cannot be written.
    /// </summary>
    public static void Write(string directory, SimulationResult result) => Write(directory,
    [
        new ReportFile(SummaryFileName, stream => SummaryJson.Write(stream, result.Summary)),
        new ReportFile(HtmlFileName, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
            HtmlReport.Write(writer, result);
        }),
    ]);

    /// <summary>Writes <paramref name="files"/> into <paramref name="directory"/> all or nothing; the seam tests use to inject a failing renderer.</summary>
    internal static void Write(string directory, IReadOnlyList<ReportFile> files)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new InputException("(empty)", 0, Field, "give a directory to write the report into");
        }

        if (File.Exists(directory))
        {
            throw new InputException(directory, 0, Field, "is a file; give a directory to write the report into");
        }

        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var parent = Path.GetDirectoryName(target)
            ?? throw new InputException(directory, 0, Field, "is a root directory; give a folder for the report");

        // A sibling, not the system temp folder, so the final moves stay on one file system and are renames.
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        var missing = MissingAncestors(parent);
        var published = false;
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var file in files)
            {
                using var stream = new FileStream(Path.Combine(staging, file.Name), FileMode.CreateNew, FileAccess.Write);
                file.Render(stream);
                stream.Flush(flushToDisk: true);
            }

            Publish(staging, target, files);
            published = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(directory, 0, Field, $"cannot write the report: {ex.Message}");
        }
        finally
        {
            TryDelete(staging);
            if (!published)
            {
                RemoveIfEmpty(missing);
            }
        }
    }

    // The folders above the target that do not exist yet, deepest first, so a failed write can take them away again.
    private static List<string> MissingAncestors(string parent)
    {
        var missing = new List<string>();
        for (var dir = parent; dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            missing.Add(dir);
        }

        return missing;
    }

    private static void Publish(string staging, string target, IReadOnlyList<ReportFile> files)
    {
        if (!Directory.Exists(target))
        {
            // One rename puts the whole directory in place: readers see all of it or none of it.
            try
            {
                Directory.Move(staging, target);
                return;
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Someone created the directory meanwhile; fall through to moving file by file.
            }
        }

        // Each rename replaces one file whole; other files already in the directory are left alone.
        foreach (var file in files)
        {
            File.Move(Path.Combine(staging, file.Name), Path.Combine(target, file.Name), overwrite: true);
        }
    }

    private static void TryDelete(string staging)
    {
        try
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The report, or the error that stopped it, matters more than a leftover hidden temp folder.
        }
    }

    // Not recursive: a folder someone else has put files in meanwhile stays.
    private static void RemoveIfEmpty(List<string> deepestFirst)
    {
        foreach (var dir in deepestFirst)
        {
            try
            {
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    Directory.Delete(dir);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
