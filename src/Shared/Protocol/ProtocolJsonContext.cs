using System.Text.Json.Serialization;
using Tuner.Shared.Status;

namespace Tuner.Shared.Protocol;

/// <summary>Compile-time JSON contracts for the protocol messages not in <see cref="Binary.BinaryMessages"/>: no reflection, no type names on the wire.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegisterWorker))]
[JsonSerializable(typeof(WorkerAccepted))]
[JsonSerializable(typeof(WorkerRefused))]
[JsonSerializable(typeof(WorkAvailable))]
[JsonSerializable(typeof(CheckpointManifest))]
[JsonSerializable(typeof(RequestCheckpointChunk))]
[JsonSerializable(typeof(CheckpointChunk))]
[JsonSerializable(typeof(CancelTrial))]
[JsonSerializable(typeof(StudyFinished))]
[JsonSerializable(typeof(RequestStudyStatus))]
[JsonSerializable(typeof(StudySnapshot))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
