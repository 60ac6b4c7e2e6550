using System.Net;
using System.Net.Sockets;

namespace Tuner.Coordinator.Processes;

/// <summary>TCP ports on 127.0.0.1 for processes that must be told their port before they start.</summary>
public static class LoopbackPort
{
    /// <summary>A port the system just handed out as free. Another process could take it before it is used again;
    /// that window is milliseconds, and fixed port numbers collide far more often on a shared machine.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
