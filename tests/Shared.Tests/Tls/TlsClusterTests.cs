using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tuner.Shared.Hosting;
using Tuner.Shared.Tls;

namespace Tuner.Shared.Tests.Tls;

/// <summary>Two real nodes on loopback over TLS: a coordinator-role node and a worker that tries to join it.</summary>
public sealed class TlsClusterTests : IDisposable
{
    private readonly TestCertificates _certificates = new();
    private readonly List<IHost> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            host.Dispose();
        }
        _certificates.Dispose();
    }

    private static TlsSettings Tls(string pfx, params string[] trusted) =>
        new() { CertificatePath = pfx, Password = TestCertificates.Password, TrustedThumbprints = trusted };

    private async Task<Cluster> Start(string role, TlsSettings tls, string? seed = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var node = new NodeSettings { Hostname = "127.0.0.1", Port = 0, Tls = tls, SeedNodes = seed is null ? [] : [seed] };
        builder.Services.AddAkka(node.ActorSystemName, akka => akka.ConfigureTunerNode(role, node));
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync(TestContext.Current.CancellationToken);
        var cluster = Cluster.Get(host.Services.GetRequiredService<ActorSystem>());
        if (seed is null)
        {
            cluster.Join(cluster.SelfAddress);
        }
        return cluster;
    }

    private static async Task<bool> Eventually(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        return condition();
    }

    private static int UpMembers(Cluster cluster) => cluster.State.Members.Count(m => m.Status == MemberStatus.Up);

    [Fact]
    public async Task A_node_with_a_pinned_certificate_joins_over_tls()
    {
        var (coordinatorPfx, coordinatorCertificate) = _certificates.Pfx("coordinator");
        var (workerPfx, workerCertificate) = _certificates.Pfx("worker");
        var coordinator = await Start(ClusterRoles.Coordinator, Tls(coordinatorPfx, CertificatePinning.Fingerprint(workerCertificate)));
        Assert.Equal("akka.ssl.tcp", coordinator.SelfAddress.Protocol);

        var worker = await Start(ClusterRoles.Worker, Tls(workerPfx, CertificatePinning.Fingerprint(coordinatorCertificate)), coordinator.SelfAddress.ToString());

        Assert.True(await Eventually(() => UpMembers(coordinator) == 2 && UpMembers(worker) == 2, TimeSpan.FromSeconds(60)), "the worker never became a member");
    }

    [Fact]
    public async Task A_node_whose_certificate_is_not_pinned_cannot_join_even_when_it_trusts_the_coordinator()
    {
        var (coordinatorPfx, coordinatorCertificate) = _certificates.Pfx("coordinator");
        var (strangerPfx, _) = _certificates.Pfx("stranger");
        var coordinator = await Start(ClusterRoles.Coordinator, Tls(coordinatorPfx));
        Assert.True(await Eventually(() => UpMembers(coordinator) == 1, TimeSpan.FromSeconds(30)));

        var stranger = await Start(ClusterRoles.Worker, Tls(strangerPfx, CertificatePinning.Fingerprint(coordinatorCertificate)), coordinator.SelfAddress.ToString());

        // Joining over loopback takes well under a second; give it many times that to be sure it never happens.
        Assert.False(await Eventually(() => UpMembers(coordinator) > 1 || UpMembers(stranger) > 0, TimeSpan.FromSeconds(15)), "a node with an unpinned certificate joined");
    }
}
