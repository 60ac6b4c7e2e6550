using Tuner.Shared.Protocol;

namespace Tuner.Shared.Checkpoints;

/// <summary>A checkpoint arrived whole and verified; <see cref="Tag"/> is what the parent gave the download.</summary>
public sealed record CheckpointDownloaded(object Tag, CheckpointManifest Manifest, byte[] Bytes);
