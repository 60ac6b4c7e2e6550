using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using Tuner.Shared.Status;

namespace Tuner.Shared.Protocol;

/// <summary>
/// Serializes the protocol's messages as JSON under short, versioned manifests. A manifest maps to a type through a
/// fixed table, so a peer can never make this process instantiate a type it names.
/// </summary>
public sealed class ProtocolSerializer : SerializerWithStringManifest
{
    public const int SerializerIdentifier = 317;

    private static readonly FrozenDictionary<Type, string> ManifestsByType = new Dictionary<Type, string>
    {
        [typeof(RegisterWorker)] = "register-worker/1",
        [typeof(WorkerAccepted)] = "worker-accepted/1",
        [typeof(WorkerRefused)] = "worker-refused/1",
        [typeof(WorkAvailable)] = "work-available/1",
        [typeof(RequestTrial)] = "request-trial/1",
        [typeof(TrialAssignment)] = "trial-assignment/1",
        [typeof(TrialProgress)] = "trial-progress/1",
        [typeof(TrialFinished)] = "trial-finished/1",
        [typeof(TrialFinishedAcknowledged)] = "trial-finished-ack/1",
        [typeof(CheckpointManifest)] = "checkpoint-manifest/1",
        [typeof(RequestCheckpointChunk)] = "request-checkpoint-chunk/1",
        [typeof(CheckpointChunk)] = "checkpoint-chunk/1",
        [typeof(CancelTrial)] = "cancel-trial/1",
        [typeof(StudyFinished)] = "study-finished/1",
        [typeof(RequestStudyStatus)] = "request-study-status/1",
        [typeof(StudySnapshot)] = "study-snapshot/1",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypesByManifest =
        ManifestsByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public ProtocolSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => SerializerIdentifier;

    /// <summary>Every message type the protocol carries, for binding and for tests.</summary>
    public static IReadOnlyCollection<Type> MessageTypes => ManifestsByType.Keys;

    public override string Manifest(object o) =>
        ManifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} is not a protocol message; add it to {nameof(ProtocolSerializer)}'s table", nameof(o));

    public override byte[] ToBinary(object obj) =>
        JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), ProtocolJsonContext.Default);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypesByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException(
                $"unknown protocol message '{manifest}': the peer speaks another protocol version than {ProtocolVersion.Current}; run the same version on every node");
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, type, ProtocolJsonContext.Default)
                ?? throw new SerializationException($"protocol message '{manifest}' was empty");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"malformed protocol message '{manifest}': {e.Message}", e);
        }
    }
}
