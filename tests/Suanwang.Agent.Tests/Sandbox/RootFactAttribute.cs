using Suanwang.Agent.Sandbox;

namespace Suanwang.Agent.Tests.Sandbox;

/// <summary>A fact that creates Unix users and control groups: skipped, saying so, unless the tests run as root (as CI and ./test.sh do).</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Posix.IsRoot)
        {
            Skip = "needs root: the sandbox creates a Unix user per tenant and control groups per job (run the tests as root, as CI does)";
        }
    }
}
