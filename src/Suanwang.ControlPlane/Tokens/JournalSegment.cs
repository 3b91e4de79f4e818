using Microsoft.Win32.SafeHandles;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>One file of the usage journal, with how many of its records still wait for the store; changed under the journal's lock.</summary>
internal sealed class JournalSegment(long number, string path)
{
    /// <summary>The segment's number, in the order written.</summary>
    public long Number { get; } = number;

    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The open file while records are appended to it; null once closed.</summary>
    public SafeFileHandle? Handle { get; set; }

    /// <summary>Bytes written.</summary>
    public long Length { get; set; }

    /// <summary>Records in it not yet committed (or streams' progress not yet superseded).</summary>
    public int Outstanding { get; set; }

    /// <summary>Whether no more records are appended to it.</summary>
    public bool Closed { get; set; }
}
