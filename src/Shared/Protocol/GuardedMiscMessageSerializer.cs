using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Remote.Serialization;
using Akka.Serialization;

namespace Tuner.Shared.Protocol;

/// <summary>
/// Akka's serializer of its small remoting messages (Identify, heartbeats, actor references, PoisonPill, ...) except
/// <see cref="Akka.Actor.Status.Failure"/>: its exception names a type that Akka resolves and builds from the peer's bytes. No
/// node sends a Failure across the network, so none is read.
/// </summary>
public sealed class GuardedMiscMessageSerializer : SerializerWithStringManifest
{
    private readonly MiscMessageSerializer _akka;
    private readonly string _failureManifest;

    public GuardedMiscMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
        _akka = new MiscMessageSerializer(system);
        _failureManifest = _akka.Manifest(new Akka.Actor.Status.Failure(null));
    }

    // Akka's id for its serializer, fixed here because without remoting (local mode) Akka's table of ids is not loaded.
    public override int Identifier => 16;

    public override string Manifest(object o) => _akka.Manifest(o);

    public override byte[] ToBinary(object obj) =>
        obj is Akka.Actor.Status.Failure ? throw Refused() : _akka.ToBinary(obj);

    public override object FromBinary(byte[] bytes, string manifest) =>
        manifest == _failureManifest ? throw Refused() : _akka.FromBinary(bytes, manifest);

    private static SerializationException Refused() =>
        new("Status.Failure does not cross the network: its exception's type would be named by the peer");
}
