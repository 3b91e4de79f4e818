using Microsoft.Extensions.Logging;

namespace Suanwang.Server.Hosting;

/// <summary>The console logging of the server and of a standalone gateway.</summary>
internal static class ServerLogging
{
    /// <summary>
    /// One line per message at <paramref name="level"/> and above, or none. ASP.NET Core's request
    /// start and finish lines are left out at every level: they would be two lines per request, and
    /// while their logger is on, the host makes a diagnostic activity for every request as well.
    /// </summary>
    public static void Configure(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        if (level == LogLevel.None)
        {
            return;
        }

        logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(level);
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
    }
}
