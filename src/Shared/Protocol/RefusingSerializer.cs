using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace Tuner.Shared.Protocol;

/// <summary>
/// Stands in for Akka's serializers that take a type name from the wire: JSON (bound to every type nothing else
/// claims, <c>$type</c> in the payload), protobuf by type name, and remote deployment (an actor class named by the
/// peer). Nothing is sent through them and nothing received through them is read, so a peer cannot make this
/// process instantiate a type it names; unbound types fail when sent, naming the type.
/// </summary>
public sealed class RefusingSerializer : Serializer
{
    public const int SerializerIdentifier = 319;

    /// <summary>The serializers it replaces, by their names in Akka's configuration.</summary>
    private static readonly IReadOnlyList<string> Replaces = ["json", "proto", "daemon-create"];

    /// <summary>Akka's configuration that puts this serializer, and the guarded ones, in place of Akka's.</summary>
    public static string Hocon =>
        $"akka.actor.serializers {{\n{string.Join('\n', [
            .. Replaces.Select(name => Entry(name, typeof(RefusingSerializer))),
            Entry("akka-misc", typeof(GuardedMiscMessageSerializer)),
            Entry("akka-system-msg", typeof(GuardedSystemMessageSerializer))])}\n}}";

    private static string Entry(string name, Type serializer) => $"{name} = \"{serializer.FullName}, {serializer.Assembly.GetName().Name}\"";

    public RefusingSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    // Akka passes a serializer its "serialization-settings" section when one exists (Akka's own has one for json).
    public RefusingSerializer(ExtendedActorSystem system, Config settings)
        : base(system)
    {
    }

    public override int Identifier => SerializerIdentifier;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new SerializationException(
            $"{obj.GetType()} has no serializer of its own and may not cross the network: make it a protocol message (IProtocolMessage, in {nameof(ProtocolSerializer)}'s table)");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException(
            $"refused a {bytes.Length}-byte message for a serializer that would take its type from the network (JSON, protobuf by type name or remote deployment)");
}
