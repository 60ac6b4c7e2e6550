using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Remote.Hosting;
using Tuner.Shared.Protocol;
using Tuner.Shared.Tls;

namespace Tuner.Shared.Hosting;

/// <summary>The one place every node (coordinator, worker, tests) configures logging, serialization, remoting and clustering.</summary>
public static class AkkaNodeExtensions
{
    /// <summary>
    /// Configures a node. With <paramref name="node"/> null the actor system stays in-process: no listener, no cluster
    /// (local mode and unit tests); messages still go through the protocol's serializer when they cross the network.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigureTunerNode(this AkkaConfigurationBuilder builder, string role, NodeSettings? node)
    {
        builder.ConfigureLoggingAndProtocol();
        if (node is null)
        {
            return builder;
        }
        node.Validate();
        return builder
            .WithRemoting(new RemoteOptions
            {
                HostName = node.Hostname,
                Port = node.Port,
                PublicHostName = node.PublicHostname,
            }.WithTls(node.Tls))
            .WithClustering(new ClusterOptions
            {
                Roles = [role],
                SeedNodes = [.. node.SeedNodes],
                // Keep the side that holds the coordinator, however many workers are cut off from it.
                SplitBrainResolver = new KeepMajorityOption { Role = ClusterRoles.Coordinator },
            });
    }

    /// <summary>
    /// A client that only asks a coordinator questions (the `status` command): remoting on a free loopback port, no
    /// cluster membership, so it never takes part in the study.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigureTunerClient(this AkkaConfigurationBuilder builder, string hostname, TlsSettings tls) =>
        builder.ConfigureLoggingAndProtocol().WithRemoting(new RemoteOptions { HostName = hostname, Port = 0 }.WithTls(tls));

    private static AkkaConfigurationBuilder ConfigureLoggingAndProtocol(this AkkaConfigurationBuilder builder) =>
        builder
            // Before Serilog takes over and after it lets go, Akka writes to stdout: keep that to real problems.
            .AddHocon("akka.stdout-loglevel = WARNING", HoconAddMode.Prepend)
            .AddHocon(RefusingSerializer.Hocon, HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
            })
            .WithCustomSerializer("tuner-protocol", [typeof(IProtocolMessage)], system => new ProtocolSerializer(system));
}
