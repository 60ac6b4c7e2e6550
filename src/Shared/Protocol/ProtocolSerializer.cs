using System.Collections.Frozen;
using Akka.Actor;
using Tuner.Shared.Json;
using Tuner.Shared.Protocol.Binary;
using Tuner.Shared.Status;

namespace Tuner.Shared.Protocol;

/// <summary>
/// Serializes the protocol's messages under short, versioned manifests: those sent for every result in a
/// hand-written binary format (<see cref="BinaryMessages"/>), the rare rest as JSON (source-generated contracts).
/// </summary>
public sealed class ProtocolSerializer(ExtendedActorSystem system)
    : ManifestJsonSerializer(system, ManifestsByType, ProtocolJsonContext.Default.Options)
{
    public const int SerializerIdentifier = 317;

    private static readonly FrozenDictionary<Type, string> ManifestsByType = new Dictionary<Type, string>
    {
        [typeof(RegisterWorker)] = "register-worker/1",
        [typeof(WorkerAccepted)] = "worker-accepted/1",
        [typeof(WorkerRefused)] = "worker-refused/1",
        [typeof(WorkAvailable)] = "work-available/1",
        [typeof(CheckpointManifest)] = "checkpoint-manifest/1",
        [typeof(RequestCheckpointChunk)] = "request-checkpoint-chunk/1",
        [typeof(CheckpointChunk)] = "checkpoint-chunk/1",
        [typeof(CancelTrial)] = "cancel-trial/1",
        [typeof(StudyFinished)] = "study-finished/1",
        [typeof(RequestStudyStatus)] = "request-study-status/1",
        [typeof(StudySnapshot)] = "study-snapshot/1",
    }.ToFrozenDictionary();

    public override int Identifier => SerializerIdentifier;

    /// <summary>Every message type the protocol carries, for binding and for tests.</summary>
    public static IReadOnlyCollection<Type> MessageTypes => [.. ManifestsByType.Keys, .. BinaryMessages.Manifests.Keys];

    public override string Manifest(object o) =>
        BinaryMessages.Manifests.TryGetValue(o.GetType(), out var manifest) ? manifest : base.Manifest(o);

    public override byte[] ToBinary(object obj) =>
        BinaryMessages.Manifests.ContainsKey(obj.GetType()) ? BinaryMessages.Write(obj) : base.ToBinary(obj);

    public override object FromBinary(byte[] bytes, string manifest) =>
        BinaryMessages.TryRead(bytes, manifest, out var message) ? message : base.FromBinary(bytes, manifest);

    protected override string What => "protocol message";

    protected override string UnknownManifest(string manifest) =>
        $"unknown protocol message '{manifest}': the peer speaks another protocol version than {ProtocolVersion.Current}; run the same version on every node";
}
