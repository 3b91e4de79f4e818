namespace Suanwang.Scheduling.Framework;

/// <summary>A scheduler plugin; every plugin has a unique name.</summary>
public interface IPlugin
{
    /// <summary>The plugin's name, unique in a profile.</summary>
    string Name { get; }
}
