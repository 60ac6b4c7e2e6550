using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Akka.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tuner.Shared.Hosting;
using Tuner.Shared.Protocol;

namespace Tuner.Shared.Tests.Protocol;

/// <summary>
/// A peer names a type (in the manifest, or as JSON's <c>$type</c>) and hopes a node instantiates it. Every serializer a
/// real node binds (remoting, cluster and ours) is given such a message; none may construct the type.
/// </summary>
public sealed class RemoteTypeNamesTests : IAsyncLifetime
{
    private IHost? _host;

    /// <summary>The type a hostile peer names: constructing it, by any path, is counted.</summary>
    public sealed class NamedByPeer
    {
        private static int _constructed;

        public NamedByPeer() => Interlocked.Increment(ref _constructed);

        public static int Constructed => Volatile.Read(ref _constructed);

        public string? Command { get; set; }
    }

    private static readonly string[] Manifests = [typeof(NamedByPeer).AssemblyQualifiedName!, $"{typeof(NamedByPeer).FullName}, {typeof(NamedByPeer).Assembly.GetName().Name}"];

    private static byte[] Json(string typeName) => Encoding.UTF8.GetBytes($$"""{"$type":"{{typeName}}","Command":"rm -rf /"}""");

    private ExtendedActorSystem System => (ExtendedActorSystem)_host!.Services.GetRequiredService<ActorSystem>();

    public async ValueTask InitializeAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var node = new NodeSettings { Hostname = "127.0.0.1", Port = 0 };
        builder.Services.AddAkka(node.ActorSystemName, akka => akka.ConfigureTunerNode(ClusterRoles.Worker, node));
        _host = builder.Build();
        await _host.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _host!.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    [Fact]
    public void No_serializer_id_turns_a_type_named_by_the_peer_into_an_instance()
    {
        var serialization = System.Serialization;
        var constructedBefore = NamedByPeer.Constructed;
        var answered = 0;
        // Akka's serializer ids are small; ours are 317 and 318.
        for (var id = 0; id < 1024; id++)
        {
            foreach (var manifest in Manifests)
            {
                foreach (var payload in new[] { Json(manifest), [] })
                {
                    try
                    {
                        Assert.IsNotType<NamedByPeer>(serialization.Deserialize(payload, id, manifest));
                        answered++;
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                    {
                        // Refused: unknown id, unknown manifest, or a serializer that reads no type names.
                    }
                }
            }
        }

        Assert.Equal(constructedBefore, NamedByPeer.Constructed);
        Assert.True(answered < 1024, "every id answered: the loop cannot have reached real serializers");
    }

    [Fact]
    public void Akkas_json_serializer_would_have_built_the_named_type_from_the_same_bytes()
    {
        var before = NamedByPeer.Constructed;
        var json = new NewtonSoftJsonSerializer(System);

        var built = json.FromBinary(Json(Manifests[0]), typeof(object));

        Assert.IsType<NamedByPeer>(built);
        Assert.True(NamedByPeer.Constructed > before);
    }

    [Theory]
    [InlineData("System.Object")]
    [InlineData("Google.Protobuf.IMessage, Google.Protobuf")]
    [InlineData("Akka.Remote.DaemonMsgCreate, Akka.Remote")]
    public void The_serializers_that_read_type_names_are_replaced_by_one_that_refuses(string boundType)
    {
        Assert.IsType<RefusingSerializer>(System.Serialization.FindSerializerForType(Type.GetType(boundType, throwOnError: true)!));
    }

    private sealed record NotAProtocolMessage(string Text);

    [Fact]
    public void A_type_without_a_serializer_of_its_own_cannot_be_sent_and_the_error_names_it()
    {
        var serializer = System.Serialization.FindSerializerFor(new NotAProtocolMessage("x"));

        var error = Assert.ThrowsAny<Exception>(() => serializer.ToBinary(new NotAProtocolMessage("x")));

        Assert.Contains(nameof(NotAProtocolMessage), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IProtocolMessage), error.Message, StringComparison.Ordinal);
    }
}
