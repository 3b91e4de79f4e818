using System.Net;
using System.Net.Sockets;

namespace Suanwang.Testing;

/// <summary>Addresses on this machine for tests that need a server not to be there.</summary>
public static class Loopback
{
    /// <summary>A port that was just free on 127.0.0.1: nothing listens there.</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
