using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Dispatch.SysMsg;
using Akka.Hosting;
using Akka.Remote.Serialization;
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

    /// <summary>The exception a hostile peer names inside Akka's own messages; Akka builds it through this constructor.</summary>
    public sealed class NamedByPeerException : Exception
    {
        private static int _constructed;

        public NamedByPeerException()
            : base("named by the peer")
        {
        }

        private NamedByPeerException(SerializationInfo info, StreamingContext context)
            : base(info.GetString("Message")) => Interlocked.Increment(ref _constructed);

        public static int Constructed => Volatile.Read(ref _constructed);
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
        // Akka's serializer ids are small; the project's are above 300.
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

    [Theory]
    [InlineData("Akka.Actor.Identify, Akka", typeof(GuardedMiscMessageSerializer))]
    [InlineData("Akka.Dispatch.SysMsg.Watch, Akka", typeof(GuardedSystemMessageSerializer))]
    public void Akkas_serializers_of_messages_that_can_carry_exceptions_are_guarded(string boundType, Type guard)
    {
        Assert.IsType(guard, System.Serialization.FindSerializerForType(Type.GetType(boundType, throwOnError: true)!));
    }

    /// <summary>Akka's own bytes for its messages that carry an exception, made by Akka's unguarded serializers.</summary>
    private (byte[] Bytes, int Id, string Manifest, Func<object> UnguardedRead)[] MessagesCarryingExceptions()
    {
        var misc = new MiscMessageSerializer(System);
        var failure = new Akka.Actor.Status.Failure(new NamedByPeerException());
        var failureBytes = misc.ToBinary(failure);
        var systemMessages = new SystemMessageSerializer(System);
        var failed = new Failed(System.DeadLetters, new NamedByPeerException(), 1);
        var failedBytes = systemMessages.ToBinary(failed);
        return
        [
            (failureBytes, misc.Identifier, misc.Manifest(failure), () => misc.FromBinary(failureBytes, misc.Manifest(failure))),
            (failedBytes, systemMessages.Identifier, $"{typeof(Failed).FullName}, Akka", () => systemMessages.FromBinary(failedBytes, typeof(Failed))),
        ];
    }

    [Fact]
    public void Akkas_messages_carrying_an_exception_are_refused_and_build_nothing()
    {
        var before = NamedByPeerException.Constructed;

        foreach (var (bytes, id, manifest, _) in MessagesCarryingExceptions())
        {
            Assert.Throws<SerializationException>(() => System.Serialization.Deserialize(bytes, id, manifest));
        }

        Assert.Equal(before, NamedByPeerException.Constructed);
    }

    [Fact]
    public void Akkas_unguarded_serializers_would_have_built_the_named_exception_from_the_same_bytes()
    {
        foreach (var (_, _, _, unguardedRead) in MessagesCarryingExceptions())
        {
            var before = NamedByPeerException.Constructed;

            unguardedRead();

            Assert.True(NamedByPeerException.Constructed > before);
        }
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
