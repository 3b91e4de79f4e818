using Suanwang.Core.Errors;

namespace Suanwang.Simulation.Traces;

/// <summary>Opens a workload trace file and reads it with the reader for its format, named or detected from the header.</summary>
public static class TraceFile
{
    /// <summary>The format names <see cref="Read"/> accepts.</summary>
    public static IReadOnlyList<string> Formats { get; } = Array.AsReadOnly(["philly", "pollux", "alibaba"]);

    /// <summary>
    /// Reads the trace at <paramref name="path"/> in <paramref name="format"/>, or in the format its
    /// header line shows when <paramref name="format"/> is null; <paramref name="polluxApps"/> is the
    /// Pollux application models folder (default: <c>apps/</c> found above the file).
    /// </summary>
    public static Trace Read(string path, string? format = null, string? polluxApps = null)
    {
        var reader = format is null
            ? Detect(path, polluxApps)
            : CreateReader(format, polluxApps)
                ?? throw new InputException(path, 1, "format", $"unknown trace format '{format}'; known formats: {string.Join(", ", Formats)}");
        using var text = Open(path);
        return reader.Read(text, path);
    }

    /// <summary>The reader for <paramref name="format"/> (philly, pollux, alibaba), or null when the name is unknown.</summary>
    public static ITraceReader? CreateReader(string format, string? polluxApps = null) =>
        Array.Find(CreateReaders(polluxApps), r => r.Format.Equals(format.Trim(), StringComparison.OrdinalIgnoreCase));

    private static ITraceReader[] CreateReaders(string? polluxApps) =>
        [new PhillyTraceReader(), new PolluxTraceReader(polluxApps), new AlibabaTraceReader()];

    private static ITraceReader Detect(string path, string? polluxApps)
    {
        string header;
        using (var text = Open(path))
        {
            header = text.ReadLine() ?? throw new InputException(path, 1, "", "the file is empty; expected a header line");
        }

        return Array.Find(CreateReaders(polluxApps), r => r.Matches(header))
            ?? throw new InputException(
                path, 1, "", $"the header '{header.Trim()}' is not that of a known trace format ({string.Join(", ", Formats)})");
    }

    private static StreamReader Open(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, 0, "", $"cannot open the trace file: {e.Message} The public traces can be fetched with scripts/download-traces.sh.");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException(path, 0, "", $"cannot open the trace file: {e.Message}");
        }
    }
}
