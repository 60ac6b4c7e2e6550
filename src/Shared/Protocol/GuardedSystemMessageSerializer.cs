using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Dispatch.SysMsg;
using Akka.Remote.Serialization;
using Akka.Serialization;

namespace Tuner.Shared.Protocol;

/// <summary>
/// Akka's serializer of system messages, for death watch (Watch, Unwatch, DeathWatchNotification) and the rest, except
/// those that carry an exception (Create, Recreate, Resume, Failed): Akka resolves and builds the exception's type as
/// the peer names it. They only cross the network between a remotely deployed actor and its parent, and remote
/// deployment is refused (<see cref="RefusingSerializer"/>).
/// </summary>
public sealed class GuardedSystemMessageSerializer : Serializer
{
    private static readonly HashSet<Type> CarryExceptions = [typeof(Create), typeof(Recreate), typeof(Resume), typeof(Failed)];

    private readonly SystemMessageSerializer _akka;

    public GuardedSystemMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
        _akka = new SystemMessageSerializer(system);
    }

    // Akka's id for its serializer, fixed here because without remoting (local mode) Akka's table of ids is not loaded.
    public override int Identifier => 22;

    public override bool IncludeManifest => _akka.IncludeManifest;

    public override byte[] ToBinary(object obj) =>
        CarryExceptions.Contains(obj.GetType()) ? throw Refused(obj.GetType()) : _akka.ToBinary(obj);

    public override object FromBinary(byte[] bytes, Type type) =>
        type is null || CarryExceptions.Contains(type) ? throw Refused(type) : _akka.FromBinary(bytes, type);

    private static SerializationException Refused(Type? type) =>
        new($"system message {type?.Name ?? "without a type"} does not cross the network: it carries an exception whose type the peer would name");
}
