using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Networks;

namespace Suanwang.Simulation.Inputs;

/// <summary>Reads a network file from disk; a missing or unreadable file is an input error naming it.</summary>
public static class NetworkFile
{
    /// <summary>Reads and validates the network at <paramref name="path"/>.</summary>
    public static Network Read(string path, AcceleratorCatalog? catalog = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            throw new InputException(path, 0, "", $"cannot read the network file: {e.Message}");
        }

        return NetworkReader.Parse(text, path, catalog ?? AcceleratorCatalog.Default);
    }
}
