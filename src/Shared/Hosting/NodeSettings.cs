using Tuner.Shared.Tls;

namespace Tuner.Shared.Hosting;

/// <summary>
/// Where a node listens and whom it joins; bound from the "Node" configuration section, so that e.g.
/// <c>Node__Port=4053</c> in the environment or <c>--Node:Port 4053</c> on the command line overrides it.
/// </summary>
public sealed class NodeSettings
{
    public string ActorSystemName { get; set; } = "tuner";

    /// <summary>The address to bind; loopback unless told otherwise.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>The name other machines reach this node by, when it binds to 0.0.0.0 or sits behind NAT.</summary>
    public string? PublicHostname { get; set; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Addresses of nodes to join, e.g. <c>akka.tcp://tuner@10.0.0.5:4053</c>: the coordinator's.</summary>
    public IReadOnlyList<string> SeedNodes { get; set; } = [];

    /// <summary>TLS for remoting ("Node:Tls"); with it on, addresses are <c>akka.ssl.tcp://</c>.</summary>
    public TlsSettings Tls { get; set; } = new();

    public string Protocol => TlsRemoting.Protocol(Tls);

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that cannot work; opens the TLS certificate to check it.</summary>
    public void Validate()
    {
        TlsRemoting.Validate(Tls);
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Node:Port must be between 0 and 65535, not {Port}");
        }
        if (string.IsNullOrWhiteSpace(Hostname))
        {
            throw new ArgumentException("Node:Hostname must name an address to bind, e.g. 127.0.0.1 or 0.0.0.0");
        }
        if (Hostname == "0.0.0.0" && string.IsNullOrWhiteSpace(PublicHostname))
        {
            throw new ArgumentException("a node bound to 0.0.0.0 needs Node:PublicHostname, the name other machines reach it by");
        }
        foreach (var seed in SeedNodes)
        {
            if (!Akka.Actor.Address.TryParse(seed, out var address) || address.Host is null || address.Port is null)
            {
                throw new ArgumentException($"seed node '{seed}' is not an address like {Protocol}://{ActorSystemName}@host:4053");
            }
            if (address.System != ActorSystemName)
            {
                throw new ArgumentException($"seed node '{seed}' names actor system '{address.System}', but this node's is '{ActorSystemName}'");
            }
            TlsRemoting.RequireProtocol(Tls, address, $"seed node '{seed}'");
            if (address.Host == "0.0.0.0")
            {
                throw new ArgumentException($"seed node '{seed}' uses 0.0.0.0, which no machine can reach: give the coordinator's host name or address");
            }
        }
    }
}
