using Tuner.Shared.Protocol;

namespace Tuner.Shared.Checkpoints;

/// <summary>A checkpoint could not be fetched.</summary>
public sealed record CheckpointDownloadFailed(object Tag, CheckpointManifest Manifest, string Reason);
