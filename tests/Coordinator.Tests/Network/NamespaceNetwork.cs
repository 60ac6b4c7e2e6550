using System.Diagnostics;
using System.Globalization;

namespace Tuner.Coordinator.Tests.Network;

/// <summary>
/// Hosts on one machine: a network namespace per host, each with its own 10.x address on eth0, joined by veth pairs to
/// a bridge that lives in a namespace of its own, so nothing touches the machine's own network and parallel runs
/// cannot clash (only the namespace names are global, and they carry a random tag). Needs root and iproute2.
/// </summary>
internal sealed class NamespaceNetwork : IDisposable
{
    private readonly string _tag = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));
    private readonly string _subnet = string.Create(CultureInfo.InvariantCulture, $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(0, 256)}");
    private readonly List<string> _namespaces = [];

    private NamespaceNetwork()
    {
    }

    private string Switch => $"tuner-{_tag}-switch";

    /// <summary>The network with its bridge, or null and the reason when namespaces cannot be made here.</summary>
    public static NamespaceNetwork? TryCreate(out string reason)
    {
        reason = "";
        if (!Environment.IsPrivilegedProcess)
        {
            reason = "network namespaces need root (CI runs the tests as root)";
            return null;
        }
        var network = new NamespaceNetwork();
        try
        {
            network.AddNamespace(network.Switch);
            Ip("-n", network.Switch, "link", "add", "br0", "type", "bridge");
            Ip("-n", network.Switch, "link", "set", "br0", "up");
            return network;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            network.Dispose();
            reason = $"cannot make network namespaces here: {e.Message}";
            return null;
        }
    }

    /// <summary>A new host: its namespace, with address 10.x.y.<paramref name="number"/> on a link to the bridge.</summary>
    public NamespaceHost AddHost(string name, int number)
    {
        var host = new NamespaceHost($"tuner-{_tag}-{name}", name, string.Create(CultureInfo.InvariantCulture, $"{_subnet}.{number}"));
        AddNamespace(host.Namespace);
        // The bridge's end is named after the host, inside the switch's namespace; the host's end is its eth0.
        Ip("-n", Switch, "link", "add", name, "type", "veth", "peer", "name", "eth0", "netns", host.Namespace);
        Ip("-n", Switch, "link", "set", name, "master", "br0", "up");
        Ip("-n", host.Namespace, "addr", "add", $"{host.Address}/24", "dev", "eth0");
        Ip("-n", host.Namespace, "link", "set", "eth0", "up");
        Ip("-n", host.Namespace, "link", "set", "lo", "up");
        return host;
    }

    /// <summary>Pulls the host's cable: its link to the bridge goes down, its processes keep running.</summary>
    public void Cut(NamespaceHost host) => Ip("-n", Switch, "link", "set", host.Name, "down");

    /// <summary>The command that runs a program inside the host's namespace.</summary>
    public static IReadOnlyList<string> Launcher(NamespaceHost host) => ["ip", "netns", "exec", host.Namespace];

    /// <summary>Deletes every namespace made (and with them the links); processes still inside must be ended first.</summary>
    public void Dispose()
    {
        foreach (var name in Enumerable.Reverse(_namespaces))
        {
            try
            {
                Ip("netns", "del", name);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the others still need deleting.
            }
        }
    }

    private void AddNamespace(string name)
    {
        Ip("netns", "add", name);
        _namespaces.Add(name);
    }

    private static void Ip(params string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var ip = Process.Start(start) ?? throw new InvalidOperationException("could not start ip");
        var error = ip.StandardError.ReadToEnd();
        ip.StandardOutput.ReadToEnd();
        ip.WaitForExit();
        if (ip.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({ip.ExitCode}): {error.Trim()}");
        }
    }
}

/// <summary>One host of a <see cref="NamespaceNetwork"/>.</summary>
internal sealed record NamespaceHost(string Namespace, string Name, string Address);
