namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>A fact that needs root (the sandbox creates a Unix user per tenant): skipped, saying so, for anyone else.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "needs root: the job sandbox creates a Unix user per tenant (run the tests as root, as CI does)";
        }
    }
}
